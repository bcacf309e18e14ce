package io.chainrule.runtime.data;

import java.io.IOException;

/** A dataset that none of the places {@link DataLocation} looks in holds; the message lists them and the fixes. */
public class DataNotFoundException extends IOException {
    DataNotFoundException(String message) {
        super(message);
    }
}
