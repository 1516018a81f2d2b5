/**
 * Reading and writing models on disk: the versioned {@code .dlab} model file ({@link
 * org.diffusionlab.engine.io.ModelFile}, whose Javadoc is the format's reference), the {@link
 * org.diffusionlab.engine.io.SavedModel} it holds and the {@link org.diffusionlab.engine.io.ModelFileException} a
 * file that cannot be loaded gives.
 */
package org.diffusionlab.engine.io;
