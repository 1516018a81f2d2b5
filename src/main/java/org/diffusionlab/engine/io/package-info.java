/**
 * Reading and writing models on disk. One archive for every kind of model ({@link
 * org.diffusionlab.engine.io.ModelArchive}: container, checks, atomic save, plain-word errors), its manifest ({@link
 * org.diffusionlab.engine.io.ManifestWriter}, {@link org.diffusionlab.engine.io.Manifest}) and the entries the kinds
 * share ({@link org.diffusionlab.engine.io.ParameterEntries}, {@link org.diffusionlab.engine.io.ScheduleEntry},
 * {@link org.diffusionlab.engine.io.HistoryEntry}, {@link org.diffusionlab.engine.io.OutputProbe}); the 2-D model's
 * schema ({@link org.diffusionlab.engine.io.ModelFile}, whose Javadoc is the format's reference), the {@link
 * org.diffusionlab.engine.io.SavedModel} it holds and the {@link org.diffusionlab.engine.io.ModelFileException} a file
 * that cannot be loaded gives. The image and binomial schemas live beside their models (engine.image.ImageModelFile,
 * engine.binomial.BinomialModelFile).
 */
package org.diffusionlab.engine.io;
