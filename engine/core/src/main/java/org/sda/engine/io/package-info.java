/** File helpers shared by every part of the engine that writes the user's or the cache's files. */
package org.sda.engine.io;
