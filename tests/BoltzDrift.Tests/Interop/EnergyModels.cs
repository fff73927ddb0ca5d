using BoltzDrift.Interop.Onnx;

namespace BoltzDrift.Tests.Interop;

/// <summary>ONNX energies the tests build themselves with <see cref="OnnxGraph"/>: docs/targets.md's banana and gmm4.</summary>
internal static class EnergyModels
{
    public const double A = 1.5, B = 0.5, S = 0.5;

    /// <summary>The banana, input "x" [n, 2] → "energy" [n] (and "gradient" [n, 2] when asked).</summary>
    public static OnnxGraph Banana(OnnxType type = OnnxType.Float, bool withGradient = true)
    {
        var g = new OnnxGraph("banana");
        string x = g.Input("x", type, "n", 2);
        string C(double v) => g.Scalar(v, type);
        string x1 = g.Node("Gather", [x, g.Constant([0L], 1)], new OnnxAttribute.Int("axis", 1));   // [n, 1]
        string x2 = g.Node("Gather", [x, g.Constant([1L], 1)], new OnnxAttribute.Int("axis", 1));
        string sq = g.Node("Mul", [x1, x1]);
        string ridge = g.Node("Sub", [x2, g.Node("Mul", [g.Node("Sub", [sq, C(A * A)]), C(B)])]);
        string energy = g.Node("Add", [g.Node("Mul", [sq, C(1 / (2 * A * A))]), g.Node("Mul", [g.Node("Mul", [ridge, ridge]), C(1 / (2 * S * S))])]);
        g.Node("Reshape", [energy, g.Constant([-1L], 1)], "energy");
        g.Output("energy", type, "n");
        if (withGradient)
        {
            // dE/dx1 = x1/a² - 2 b x1 ridge / s², dE/dx2 = ridge / s²
            string r = g.Node("Mul", [ridge, C(1 / (S * S))]);
            string d1 = g.Node("Sub", [g.Node("Mul", [x1, C(1 / (A * A))]), g.Node("Mul", [g.Node("Mul", [x1, r]), C(2 * B)])]);
            g.Node("Concat", [d1, r], "gradient", new OnnxAttribute.Int("axis", 1));
            g.Output("gradient", type, "n", 2);
        }
        return g;
    }

    /// <summary>gmm4: -log Σ_k ¼ N(x; μ_k, 0.5² I), input "x" [n, 2] → "energy" [n].</summary>
    public static OnnxGraph Gmm4(OnnxType type = OnnxType.Float)
    {
        const double std = 0.5;
        var g = new OnnxGraph("gmm4");
        string x = g.Input("x", type, "n", 2);
        double[] means = [2, 2, -2, 2, -2, -2, 2, -2];
        string mu = type == OnnxType.Double ? g.Constant(means, 1, 4, 2) : g.Constant(means.Select(v => (float)v).ToArray(), 1, 4, 2);
        string diff = g.Node("Sub", [g.Node("Reshape", [x, g.Constant([-1L, 1, 2], 3)]), mu]);               // [n, 4, 2]
        string sq = g.Node("ReduceSum", [g.Node("Mul", [diff, diff]), g.Constant([2L], 1)], new OnnxAttribute.Int("keepdims", 0));
        string logits = g.Node("Mul", [sq, g.Scalar(-1 / (2 * std * std), type)]);                             // [n, 4]
        string lse = g.Node("ReduceLogSumExp", [logits], new OnnxAttribute.Ints("axes", [1]), new OnnxAttribute.Int("keepdims", 0));
        g.Node("Sub", [g.Scalar(Math.Log(4 * 2 * Math.PI * std * std), type), lse], "energy");
        g.Output("energy", type, "n");
        return g;
    }
}
