using ChatBot.Core.Answering;

namespace ChatBot.Core.Evaluation;

/// <summary>One labelled example: named feature values, the label, and its weight in the fit.</summary>
public sealed record LabelledRow(IReadOnlyDictionary<string, double> X, bool Label, double Weight = 1);

/// <summary>The candidates of one question, some of which are right answers.</summary>
public sealed record RankingGroup(string Id, IReadOnlyList<LabelledRow> Candidates);

/// <summary>
/// Small, exact fits for the answering models, on standardised features with an L2 penalty (so a
/// feature that does not help stays near 0): Newton's method for binary logistic regression (the
/// refusal model) and for the conditional logit (the ranker: softmax over a group's candidates, the
/// log-probability of each right candidate averaged over the group's right ones, which keeps the
/// objective concave when a question has several right candidates). The penalty is chosen by k-fold
/// cross-validation over whole questions among <see cref="PenaltyGrid"/>.
/// </summary>
public static class LogisticFit
{
    public static readonly IReadOnlyList<double> PenaltyGrid = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];

    public const int Folds = 5;

    // ------------------------------------------------------------ binary logistic regression

    /// <summary>Fits σ(b + w·z) to the rows' labels; the penalty by cross-validation when <paramref name="l2"/> is null.</summary>
    public static LinearModel Binary(IReadOnlyList<string> features, IReadOnlyList<LabelledRow> rows, double? l2 = null)
    {
        var (mean, scale) = Standardise(features, rows.Select(r => r.X));
        var z = rows.Select(r => Z(features, r.X, mean, scale)).ToArray();
        var penalty = l2 ?? PenaltyGrid.MaxBy(lambda => CrossValidate(rows.Count, (train, test) =>
        {
            var (w, b) = NewtonBinary(train.Select(i => z[i]).ToArray(), train.Select(i => rows[i]).ToArray(), lambda);
            return test.Sum(i => rows[i].Weight * LogLikelihood(rows[i].Label, Dot(w, z[i]) + b));
        }));
        var (weights, bias) = NewtonBinary(z, rows.ToArray(), penalty);
        return new LinearModel { Features = features.ToList(), Weights = weights.Select(Round).ToList(), Bias = Round(bias), Mean = mean.Select(Round).ToList(), Scale = scale.Select(Round).ToList(), L2 = penalty };
    }

    private static (double[] W, double B) NewtonBinary(double[][] z, LabelledRow[] rows, double lambda)
    {
        var d = z.Length == 0 ? 0 : z[0].Length;
        var theta = new double[d + 1]; // weights, then bias (not penalised)
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (var i = 0; i < z.Length; i++)
            {
                var x = Augment(z[i]);
                var p = LinearModel.Sigmoid(Dot(theta, x));
                var w = rows[i].Weight;
                var residual = (rows[i].Label ? 1 : 0) - p;
                for (var a = 0; a <= d; a++)
                {
                    gradient[a] += w * residual * x[a];
                    for (var b = 0; b <= d; b++) hessian[a, b] += w * p * (1 - p) * x[a] * x[b];
                }
            }
            for (var a = 0; a < d; a++) { gradient[a] -= lambda * theta[a]; hessian[a, a] += lambda; }
            hessian[d, d] += 1e-9;
            var step = Solve(hessian, gradient);
            var t = LineSearch(theta, step, th => BinaryObjective(z, rows, th, lambda));
            if (t * step.Max(Math.Abs) < 1e-8) break;
        }
        return (theta[..d], theta[d]);
    }

    private static double BinaryObjective(double[][] z, LabelledRow[] rows, double[] theta, double lambda)
    {
        var d = theta.Length - 1;
        double o = 0;
        for (var i = 0; i < z.Length; i++) o += rows[i].Weight * LogLikelihood(rows[i].Label, Dot(theta, Augment(z[i])));
        for (var a = 0; a < d; a++) o -= lambda / 2 * theta[a] * theta[a];
        return o;
    }

    private static double RankerObjective(double[][][] z, bool[][] labels, double[] w, double lambda)
    {
        double o = 0;
        for (var g = 0; g < z.Length; g++) o += GroupLogLikelihood(w, z[g], labels[g]);
        return o - lambda / 2 * w.Sum(v => v * v);
    }

    /// <summary>
    /// Takes the Newton step, halved until the objective does not get worse (a full step can overshoot
    /// when the classes are nearly separable); updates <paramref name="x"/> and returns the step length used.
    /// </summary>
    private static double LineSearch(double[] x, double[] step, Func<double[], double> objective)
    {
        var before = objective(x);
        var t = 1.0;
        var trial = new double[x.Length];
        while (true)
        {
            for (var a = 0; a < x.Length; a++) trial[a] = x[a] + t * step[a];
            if (objective(trial) >= before - 1e-12 || t < 1e-6) break;
            t /= 2;
        }
        Array.Copy(trial, x, x.Length);
        return t;
    }

    private static double LogLikelihood(bool label, double score)
    {
        var p = Math.Clamp(LinearModel.Sigmoid(score), 1e-12, 1 - 1e-12);
        return label ? Math.Log(p) : Math.Log(1 - p);
    }

    // ------------------------------------------------------------ conditional logit (ranker)

    /// <summary>Fits a ranker: softmax over each group's candidates, maximising the probability of its right ones.</summary>
    public static LinearModel Ranker(IReadOnlyList<string> features, IReadOnlyList<RankingGroup> groups, double? l2 = null)
    {
        var usable = groups.Where(g => g.Candidates.Any(c => c.Label) && g.Candidates.Any(c => !c.Label)).ToList();
        var (mean, scale) = Standardise(features, usable.SelectMany(g => g.Candidates).Select(c => c.X));
        var z = usable.Select(g => g.Candidates.Select(c => Z(features, c.X, mean, scale)).ToArray()).ToArray();
        var labels = usable.Select(g => g.Candidates.Select(c => c.Label).ToArray()).ToArray();
        var penalty = l2 ?? PenaltyGrid.MaxBy(lambda => CrossValidate(usable.Count, (train, test) =>
        {
            var w = NewtonRanker(train.Select(i => z[i]).ToArray(), train.Select(i => labels[i]).ToArray(), lambda);
            return test.Sum(i => GroupLogLikelihood(w, z[i], labels[i]));
        }));
        var weights = NewtonRanker(z, labels, penalty);
        return new LinearModel { Features = features.ToList(), Weights = weights.Select(Round).ToList(), Bias = 0, Mean = mean.Select(Round).ToList(), Scale = scale.Select(Round).ToList(), L2 = penalty };
    }

    private static double[] NewtonRanker(double[][][] z, bool[][] labels, double lambda)
    {
        var d = z.Length == 0 || z[0].Length == 0 ? 0 : z[0][0].Length;
        var w = new double[d];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[d];
            var hessian = new double[d, d];
            for (var g = 0; g < z.Length; g++)
            {
                // Each right candidate's log-softmax, averaged over the group's right ones (concave):
                // gradient mean_right[z] − E_all[z], negative Hessian Cov_all[z].
                var (meanAll, covAll) = Moments(w, z[g], _ => true);
                var right = Enumerable.Range(0, z[g].Length).Where(k => labels[g][k]).ToList();
                for (var a = 0; a < d; a++)
                {
                    gradient[a] += right.Average(k => z[g][k][a]) - meanAll[a];
                    for (var b = 0; b < d; b++) hessian[a, b] += covAll[a, b];
                }
            }
            for (var a = 0; a < d; a++) { gradient[a] -= lambda * w[a]; hessian[a, a] += lambda; }
            var step = Solve(hessian, gradient);
            var t = LineSearch(w, step, ww => RankerObjective(z, labels, ww, lambda));
            if (t * step.Max(Math.Abs) < 1e-8) break;
        }
        return w;
    }

    /// <summary>Softmax-weighted mean and covariance of a group's rows (restricted to <paramref name="include"/>).</summary>
    private static (double[] Mean, double[,] Cov) Moments(double[] w, double[][] rows, Func<int, bool> include)
    {
        var d = w.Length;
        var indices = Enumerable.Range(0, rows.Length).Where(include).ToList();
        var scores = indices.Select(k => Dot(w, rows[k])).ToList();
        var max = scores.Max();
        var p = scores.Select(s => Math.Exp(s - max)).ToList();
        var sum = p.Sum();
        var mean = new double[d];
        var second = new double[d, d];
        for (var j = 0; j < indices.Count; j++)
        {
            var x = rows[indices[j]];
            var pj = p[j] / sum;
            for (var a = 0; a < d; a++)
            {
                mean[a] += pj * x[a];
                for (var b = 0; b < d; b++) second[a, b] += pj * x[a] * x[b];
            }
        }
        for (var a = 0; a < d; a++) for (var b = 0; b < d; b++) second[a, b] -= mean[a] * mean[b];
        return (mean, second);
    }

    private static double GroupLogLikelihood(double[] w, double[][] rows, bool[] labels)
    {
        var scores = rows.Select(r => Dot(w, r)).ToArray();
        var max = scores.Max();
        var logAll = max + Math.Log(scores.Sum(s => Math.Exp(s - max)));
        return scores.Where((_, k) => labels[k]).Average() - logAll;
    }

    // ------------------------------------------------------------ shared

    /// <summary>Sum of a score over k folds (rows assigned round-robin, so the split is the same every run).</summary>
    private static double CrossValidate(int count, Func<int[], int[], double> score)
    {
        if (count < Folds * 2) return 0;
        double total = 0;
        for (var f = 0; f < Folds; f++)
        {
            var test = Enumerable.Range(0, count).Where(i => i % Folds == f).ToArray();
            var train = Enumerable.Range(0, count).Where(i => i % Folds != f).ToArray();
            total += score(train, test);
        }
        return total;
    }

    private static (double[] Mean, double[] Scale) Standardise(IReadOnlyList<string> features, IEnumerable<IReadOnlyDictionary<string, double>> rows)
    {
        var list = rows.ToList();
        var mean = features.Select(f => list.Count == 0 ? 0 : list.Average(r => r.GetValueOrDefault(f))).ToArray();
        var scale = features.Select((f, i) =>
        {
            if (list.Count < 2) return 1;
            var sd = Math.Sqrt(list.Sum(r => Math.Pow(r.GetValueOrDefault(f) - mean[i], 2)) / (list.Count - 1));
            return sd > 1e-9 ? sd : 1;
        }).ToArray();
        return (mean, scale);
    }

    private static double[] Z(IReadOnlyList<string> features, IReadOnlyDictionary<string, double> x, double[] mean, double[] scale) =>
        features.Select((f, i) => (x.GetValueOrDefault(f) - mean[i]) / scale[i]).ToArray();

    private static double[] Augment(double[] z) => [.. z, 1];

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Solves H·x = g for a symmetric positive-definite H (Gaussian elimination with partial pivoting).</summary>
    private static double[] Solve(double[,] h, double[] g)
    {
        var n = g.Length;
        var a = (double[,])h.Clone();
        var x = (double[])g.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-12) continue;
            if (pivot != col)
            {
                for (var k = 0; k < n; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var factor = a[r, col] / a[col, col];
                for (var k = col; k < n; k++) a[r, k] -= factor * a[col, k];
                x[r] -= factor * x[col];
            }
        }
        var result = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            if (Math.Abs(a[r, r]) < 1e-12) { result[r] = 0; continue; }
            var s = x[r];
            for (var k = r + 1; k < n; k++) s -= a[r, k] * result[k];
            result[r] = s / a[r, r];
        }
        return result;
    }

    private static double Round(double v) => Math.Round(v, 4);
}
