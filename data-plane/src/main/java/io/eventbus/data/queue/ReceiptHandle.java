package io.eventbus.data.queue;

import io.eventbus.core.problem.ValidationError;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * What a consumer gets with each received message and gives back to delete it or change its visibility: the
 * message id and the receipt token of that receive, as 43 characters of unpadded base64url. Every receive sets
 * a new token, so the handle of an earlier receive no longer matches. Not a secret: the API key is the
 * authority; the token only tells receives apart. Immutable.
 */
record ReceiptHandle(UUID messageId, UUID token) {

    private static final int LENGTH = 43;

    String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(32);
        bytes.putLong(messageId.getMostSignificantBits()).putLong(messageId.getLeastSignificantBits())
                .putLong(token.getMostSignificantBits()).putLong(token.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws ValidationError at {@code location} when {@code text} is not a receipt handle */
    static ReceiptHandle parse(String location, String text) {
        byte[] bytes = null;
        if (text != null && text.length() == LENGTH) {
            try {
                bytes = Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
        }
        if (bytes == null || bytes.length != 32) {
            throw new ValidationError(location, "'" + abbreviate(text) + "' is not a receipt handle: pass the"
                    + " receiptHandle of a received message as it is (" + LENGTH + " characters)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new ReceiptHandle(new UUID(b.getLong(), b.getLong()), new UUID(b.getLong(), b.getLong()));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
