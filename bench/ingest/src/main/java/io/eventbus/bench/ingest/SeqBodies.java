package io.eventbus.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Bodies of numbered events for the delivery scenarios: request r carries events first + r * batch .. + batch - 1,
 * each with detail {"seq": its number, "t0": the intended send time (nanoTime - Arrivals.ORIGIN), "m": 1 when
 * measured, "pad": 256 letters}; answers confirm the events in {@link Arrivals}. Events of another detail type, or
 * with an explicit {@code time} (archived events, replayed later), are never measured: their delivery is not timed
 * from their put.
 */
final class SeqBodies implements IngestLoad.Bodies {
    private final long first;
    private final int batch;
    private final Arrivals arrivals;
    private final String detailType;
    private final LongFunction<String> time;
    private final String[] pads = new String[64];

    /** Bench events (detail type {@link IngestLoad#DETAIL_TYPE}), the server's time. */
    SeqBodies(long first, int batch, Arrivals arrivals, int pad) {
        this(first, batch, arrivals, pad, IngestLoad.DETAIL_TYPE, null);
    }

    /** time: the event's {@code time} (RFC 3339) by sequence number; null: none (the server's time). */
    SeqBodies(long first, int batch, Arrivals arrivals, int pad, String detailType, LongFunction<String> time) {
        this.first = first;
        this.batch = batch;
        this.arrivals = arrivals;
        this.detailType = detailType;
        this.time = time;
        SplittableRandom random = new SplittableRandom(first);
        for (int v = 0; v < pads.length; v++) {
            StringBuilder sb = new StringBuilder(pad);
            for (int i = 0; i < pad; i++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            pads[v] = sb.toString();
        }
    }

    @Override
    public byte[] body(long request, long intendedNanos, boolean measured) {
        long seq = first + request * batch;
        long t0 = intendedNanos - Arrivals.ORIGIN;
        boolean m = measured && time == null && detailType.equals(IngestLoad.DETAIL_TYPE);
        StringBuilder sb = new StringBuilder(batch * (pads[0].length() + 170)).append("{\"entries\":[");
        for (int i = 0; i < batch; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"source\":\"").append(IngestLoad.SOURCE)
                    .append("\",\"detailType\":\"").append(detailType).append('"');
            if (time != null) {
                sb.append(",\"time\":\"").append(time.apply(seq + i)).append('"');
            }
            sb.append(",\"detail\":{\"seq\":").append(seq + i).append(",\"t0\":").append(t0).append(",\"m\":")
                    .append(m ? 1 : 0).append(",\"pad\":\"").append(pads[(int) ((seq + i) & (pads.length - 1))])
                    .append("\"}}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void answered(long request, boolean ok) {
        arrivals.confirm(first + request * batch, batch, ok);
    }
}
