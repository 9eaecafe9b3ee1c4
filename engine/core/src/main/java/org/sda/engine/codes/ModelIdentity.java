package org.sda.engine.codes;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.sda.engine.model.SdaManifest;
import org.sda.engine.model.SdaModel;

/**
 * Which model a code grid belongs to. Codes mean something only to the codebooks and decoder
 * they came from, so the identity is a hash of exactly what gives them meaning: the encoder,
 * quantiser and decoder graphs and the codebooks. It is deliberately not the hash of the whole
 * {@code .sda} file, which changes when an analysis or a prior is added to the same networks;
 * codes made before such an addition stay valid after it.
 *
 * @param name the model's name (for messages; not part of the identity)
 * @param hash {@code "sha256:"} and 64 hex digits over the networks and codebooks
 * @param levels quantiser levels
 * @param codebookSize codes per level
 */
public record ModelIdentity(String name, String hash, int levels, int codebookSize) {

    private static final List<String> HASHED = List.of(SdaModel.ENCODER, SdaModel.QUANTIZER, SdaModel.DECODER,
            SdaModel.CODEBOOKS);

    public ModelIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hash, "hash");
    }

    /** The identity of a model read from a file: each hashed entry's name, length and bytes in a fixed order. */
    public static ModelIdentity of(SdaModel model) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String entry : HASHED) {
            byte[] bytes = model.entry(entry);
            digest.update(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
            digest.update(bytes);
        }
        SdaManifest.Vq vq = model.manifest().vq();
        return new ModelIdentity(model.manifest().name() == null ? "" : model.manifest().name(),
                "sha256:" + HexFormat.of().formatHex(digest.digest()), vq.levels(), vq.codebookSize());
    }

    /** Whether codes of {@code other} mean the same to this model: same networks and codebooks. */
    public boolean sameNetworks(ModelIdentity other) {
        return hash.equals(other.hash);
    }

    /** The hash shortened for messages: {@code sha256:} and 12 hex digits. */
    public String shortHash() {
        return hash.length() > 19 ? hash.substring(0, 19) : hash;
    }

    @Override
    public String toString() {
        return "'" + name + "' (" + shortHash() + ")";
    }
}
