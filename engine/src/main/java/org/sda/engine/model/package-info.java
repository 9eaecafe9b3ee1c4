/**
 * Model files ({@code .sda}, format 2): the manifest, the ZIP container with its defensive
 * reader and atomic writer. See {@code docs/MODEL-FORMAT.md} for the format itself.
 */
package org.sda.engine.model;
