package concierge.health;

/**
 * Where this instance is in its life, for the health probes: starting (listening, but its start-up
 * work is not done), serving, or draining (asked to stop: still serving, but no longer ready, so a
 * load balancer takes it out before it stops).
 */
public final class Lifecycle {

    public enum Phase { STARTING, SERVING, DRAINING }

    private volatile Phase phase = Phase.STARTING;
    private volatile String startupStep = "starting";

    public Phase phase() {
        return phase;
    }

    /** While starting, what start-up is doing (say, "waiting for the database"); shown by the probes. */
    public String startupStep() {
        return startupStep;
    }

    public void startupStep(String step) {
        startupStep = step;
    }

    /** The start-up work is done: ready from now on, unless it was asked to stop meanwhile. */
    public synchronized void serving() {
        startupStep = "done";
        if (phase == Phase.STARTING) {
            phase = Phase.SERVING;
        }
    }

    /** No longer ready. Returns whether it was serving (a load balancer may be sending it requests). */
    public synchronized boolean drain() {
        boolean wasServing = phase == Phase.SERVING;
        phase = Phase.DRAINING;
        return wasServing;
    }

    public boolean started() {
        return phase != Phase.STARTING;
    }
}
