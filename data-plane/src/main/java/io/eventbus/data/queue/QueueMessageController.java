package io.eventbus.data.queue;

import io.eventbus.core.auth.ProducerApi;
import io.eventbus.core.http.RequestBodies;
import io.eventbus.core.name.Names;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.Problem;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.auth.AuthenticateApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Queue consumers: send ({@code POST /v1/queues/{queue}/messages}), receive ({@code .../messages:receive}, with
 * long polling), delete and change visibility by receipt handle, with an API key whose {@code queues} hold the
 * queue. Bodies are strict JSON; the API key is checked before the body is read.
 */
@Controller("/v1/queues/{queue}")
@DataRole
@ProducerApi
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "queue-messages")
@SecurityRequirement(name = "apiKey")
@ApiResponse(responseCode = "400", description = "The request is not valid; location says where", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No API key, or an unknown or revoked one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The API key is not allowed on this queue", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "No such queue (or message: see the operation)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
class QueueMessageController {

    record SendMessageRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Any text, e.g. JSON; with the attributes at most 256 KiB of UTF-8") String body,
            @Schema(description = "Up to 10 string attributes; names of 1 to 256 letters, digits, '.', '_' or '-'") Map<String, String> attributes,
            @Schema(defaultValue = "0", minimum = "0", maximum = "900", description = "Seconds before the message can be received") Integer delaySeconds) {
    }

    record SendMessageResponse(UUID messageId) {
    }

    record ReceiveMessagesRequest(
            @Schema(defaultValue = "1", minimum = "1", maximum = "10") Integer maxMessages,
            @Schema(minimum = "0", maximum = "43200", description = "Default: the queue's visibilityTimeoutSeconds") Integer visibilityTimeoutSeconds,
            @Schema(defaultValue = "0", minimum = "0", maximum = "20", description = "Long polling: wait up to this long for a message when none is there") Integer waitTimeSeconds) {
    }

    record ReceiveMessagesResponse(List<ReceivedMessage> messages) {
    }

    record ChangeVisibilityRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "43200", description = "Seconds from now; 0 makes it visible at once") Integer visibilityTimeoutSeconds) {
    }

    private static final String HANDLE = "path: receiptHandle";

    private final AuthenticateApiKey authenticate;
    private final QueueMessages messages;
    private final ReceiveMessages receive;
    private final ReadQueueRequests read;

    QueueMessageController(AuthenticateApiKey authenticate, ReadQueueRequests read, QueueMessages messages,
                           ReceiveMessages receive) {
        this.authenticate = authenticate;
        this.read = read;
        this.messages = messages;
        this.receive = receive;
    }

    @Post(uri = "/messages", consumes = MediaType.ALL)
    @Operation(operationId = "sendMessage", requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendMessageRequest.class))))
    @ApiResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendMessageResponse.class)))
    @ApiResponse(responseCode = "413", description = "Body and attributes are larger than 256 KiB", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<SendMessageResponse> send(String queue, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                           @Nullable @Body InputStream body) throws IOException {
        allow(queue, authorization);
        SendMessageRequest request = read.send(RequestBodies.bytes(body));
        QueueMessages.Sent sent = messages.send(queue, request.body(), request.attributes(), request.delaySeconds());
        receive.arrived(sent.queueId());
        return HttpResponse.<SendMessageResponse>status(HttpStatus.CREATED).body(new SendMessageResponse(sent.messageId()));
    }

    @Post(uri = "/messages:receive", consumes = MediaType.ALL)
    @Operation(operationId = "receiveMessages", description = "Claims up to maxMessages visible messages, oldest first,"
            + " hidden from other receives for the visibility timeout. With waitTimeSeconds, waits for a message when"
            + " none is there, and answers with none when the time is up.",
            requestBody = @RequestBody(required = false, description = "Optional; every field has a default",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReceiveMessagesRequest.class))))
    @ApiResponse(responseCode = "200", description = "The messages; none when there were none", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReceiveMessagesResponse.class)))
    @ApiResponse(responseCode = "503", description = "Too many receives wait already on this server; try again", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletableFuture<ReceiveMessagesResponse> receive(String queue, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                                       @Nullable @Body InputStream body) throws IOException {
        allow(queue, authorization);
        ReceiveMessagesRequest request = read.receive(RequestBodies.bytes(body));
        QueueMessages.Queue found = messages.find(queue)
                .orElseThrow(() -> new NotFound("queue '" + queue + "' does not exist"));
        int visibility = request.visibilityTimeoutSeconds() != null ? request.visibilityTimeoutSeconds()
                : found.visibilityTimeoutSeconds();
        return receive.receive(new QueueMessages.Claim(found, request.maxMessages(), visibility),
                        Duration.ofSeconds(request.waitTimeSeconds()))
                .thenApply(ReceiveMessagesResponse::new);
    }

    @Delete(uri = "/messages/{receiptHandle}")
    @Operation(operationId = "deleteMessage")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such queue, or the message is gone (deleted, expired) or was"
            + " received again since this receipt handle (the detail says which)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> delete(String queue, String receiptHandle,
                              @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        allow(queue, authorization);
        messages.delete(queue, ReceiptHandle.parse(HANDLE, receiptHandle));
        return HttpResponse.noContent();
    }

    @Post(uri = "/messages/{receiptHandle}:change-visibility", consumes = MediaType.ALL)
    @Operation(operationId = "changeMessageVisibility", description = "Hides the message for visibilityTimeoutSeconds"
            + " from now (more time to work on it), or makes it visible at once with 0 (give it back).",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeVisibilityRequest.class))))
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "404", description = "As for delete", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> changeVisibility(String queue, String receiptHandle,
                                        @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                        @Nullable @Body InputStream body) throws IOException {
        allow(queue, authorization);
        ReceiptHandle handle = ReceiptHandle.parse(HANDLE, receiptHandle);
        int seconds = read.changeVisibility(RequestBodies.bytes(body)).visibilityTimeoutSeconds();
        long queueId = messages.changeVisibility(queue, handle, seconds);
        if (seconds == 0) {
            receive.arrived(queueId);
        }
        return HttpResponse.noContent();
    }

    private void allow(String queue, @Nullable String authorization) {
        Names.require("path: queue", queue);
        authenticate.allowQueue(authorization, queue);
    }

}
