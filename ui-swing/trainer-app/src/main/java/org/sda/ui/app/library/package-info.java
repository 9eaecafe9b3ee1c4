/** The Library tab: the model library with search, rename, tags, trash with undo, import and reveal. */
package org.sda.ui.app.library;
