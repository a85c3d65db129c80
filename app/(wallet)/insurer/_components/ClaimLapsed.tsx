/** An undecided claim that can no longer be worked on (`Insurance.claimLive` is false). */
export function ClaimLapsed() {
  return (
    <p className="muted" data-testid="claim-lapsed">
      This claim no longer applies: its cover ended, the car changed hands, or its time ran out.
    </p>
  );
}
