package dev.javelin.mujoco;

/** MuJoCo's library or Gymnasium's model files could not be found or loaded; the message says where Javelin looked and how to fix it. */
public final class MuJoCoUnavailableException extends IllegalStateException {
    /** {@code message} says what was looked at and the command that installs the missing piece. */
    public MuJoCoUnavailableException(String message) {
        super(message);
    }

    /** As {@link #MuJoCoUnavailableException(String)}, with the failure that caused it. */
    public MuJoCoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
