/**
 * Model files ({@code .sda}, format 2): the manifest, the ZIP container with its defensive
 * reader and atomic writer, and the plain-words verdict on codebook health shown to users. See
 * {@code docs/MODEL-FORMAT.md} for the format itself; running the networks is
 * {@code org.sda.engine.inference}.
 */
package org.sda.engine.model;
