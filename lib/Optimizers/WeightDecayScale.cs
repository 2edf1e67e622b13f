namespace RegularizationLab.Optimizers;

/// <summary>How a decoupled weight decay λ turns into the shrink factor of one step, w ← (1 − d_t)·w − …</summary>
public enum WeightDecayScale
{
    /// <summary>d_t = η_t·λ: Loshchilov &amp; Hutter's Algorithm 2. With a constant schedule this is the textbook's fixed λ' (eq. 9.13).</summary>
    ScheduleMultiplier,

    /// <summary>d_t = α·η_t·λ (the learning rate times λ): PyTorch's AdamW and the blog's θ − η_t λ θ.</summary>
    LearningRate,
}
