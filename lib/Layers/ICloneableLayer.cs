namespace RegularizationLab.Layers;

/// <summary>Layers that <see cref="Sequential.Clone"/> can copy: same configuration and parameter values, fresh buffers.</summary>
internal interface ICloneableLayer
{
    /// <param name="random">Randomness for the copy (used by dropout for its masks).</param>
    ILayer CloneLayer(Random random);
}
