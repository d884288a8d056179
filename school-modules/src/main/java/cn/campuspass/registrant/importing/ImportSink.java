package cn.campuspass.registrant.importing;

import java.util.List;

/**
 * Receives the valid rows of an import, in file order, one batch at a time (at most the configured batch size).
 * A batch is a natural unit for one transaction. If {@link #accept} throws, the import stops and the exception
 * reaches the caller unchanged; batches accepted before stay accepted.
 */
@FunctionalInterface
public interface ImportSink {

    void accept(List<RegistrantRow> batch);
}
