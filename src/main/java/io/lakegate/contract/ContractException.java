package io.lakegate.contract;

/** A contract file that cannot be used, with the file and the problem named. */
public class ContractException extends RuntimeException {

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
