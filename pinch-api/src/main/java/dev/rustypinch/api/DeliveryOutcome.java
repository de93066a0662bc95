package dev.rustypinch.api;

/** How the runtime finished with an inbound message it accepted. */
public enum DeliveryOutcome {
    /** The turn was recorded and the reply was delivered or its failure reported. Finished. */
    PROCESSED,
    /** The bus overflowed and dropped it (SPEC §11.2): not processed, not to be redelivered. Finished. */
    DROPPED,
    /**
     * The worker stopped before the turn started: not processed and <em>not</em> finished. The runtime
     * keeps it in its inbox journal and queues it again at the next start (SPEC §22); a channel whose
     * source redelivers ({@link Channel#sourceRedelivers()}) lets it be delivered again instead.
     */
    DISCARDED
}
