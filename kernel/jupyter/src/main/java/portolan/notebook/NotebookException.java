package portolan.notebook;

/** A file is not a usable nbformat 4 notebook; the message says what is wrong and where. */
public class NotebookException extends RuntimeException {
    public NotebookException(String message) {
        super(message);
    }

    public NotebookException(String message, Throwable cause) {
        super(message, cause);
    }
}
