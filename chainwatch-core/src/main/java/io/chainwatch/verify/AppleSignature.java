package io.chainwatch.verify;

import org.jspecify.annotations.Nullable;

/**
 * A macOS code signature, as far as its presence goes.
 *
 * @param identifier the CodeDirectory's identifier, e.g. {@code com.electron.3cx-desktop-app}
 * @param teamId the Team ID (e.g. {@code 33CF4654HL}), when the CodeDirectory names one
 * @param adHoc signed without a certificate (no CMS blob, or an empty one)
 */
public record AppleSignature(@Nullable String identifier, @Nullable String teamId, boolean adHoc) {}
