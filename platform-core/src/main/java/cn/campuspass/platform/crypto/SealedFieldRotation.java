package cn.campuspass.platform.crypto;

/**
 * Re-encrypts one module's sealed fields of the bound school with the active key (key rotation, and values of the
 * first format). Implemented by the module that owns the table; run in the background for every school by the
 * operator side, so old keys can be removed from the ring once every school is done.
 */
public interface SealedFieldRotation {

    /**
     * Rewrites up to {@code batch} rows whose values {@link FieldCipher#needsReencryption need it}; idempotent.
     *
     * @return how many rows were rewritten (0 when the school is done)
     */
    int reencryptBatch(int batch);
}
