package dev.javelin.mujoco;

/** MuJoCo's library or Gymnasium's model files could not be found or loaded; the message says where Javelin looked and how to fix it. */
public final class MuJoCoUnavailableException extends IllegalStateException {
    public MuJoCoUnavailableException(String message) {
        super(message);
    }

    public MuJoCoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
