package dev.rustypinch.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustypinch.api.ReplyOutcome;
import dev.rustypinch.runtime.turn.TurnResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outcome the runtime attaches to every turn reply (API 1.1, SPEC §20.2). */
class ReplyOutcomeTest {
    @Test
    void aSuccessfulTurnCarriesItsRequestIdAndNoError() {
        ReplyOutcome outcome = ChannelCommand.outcome(new TurnResult("rp-1-1", Optional.of("hi"), Optional.empty()));

        assertEquals(new ReplyOutcome("rp-1-1", Optional.empty()), outcome);
    }

    @Test
    void aFailedTurnCarriesTheWholeErrorWithItsRequestId() {
        String message = "x".repeat(700);

        ReplyOutcome outcome = ChannelCommand.outcome(new TurnResult("rp-1-2", Optional.empty(), Optional.of(message)));

        assertEquals(Optional.of("request_id=rp-1-2: " + message), outcome.error());
    }
}
