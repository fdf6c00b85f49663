package demo

import (
	"math"
	"math/rand/v2"
	"sort"
)

// rng is the one source of randomness of a generation run.
type rng struct{ *rand.Rand }

func newRNG(seed int64) rng {
	return rng{rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))}
}

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between returns an integer in [lo, hi]; lo when hi < lo.
func (r rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// uniform returns a float in [lo, hi).
func (r rng) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// lognormal returns a log-normal value with the given median and log-sd.
func (r rng) lognormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

// days returns a log-normal number of days, at least lo.
func (r rng) days(median, sigma float64, lo int) int {
	d := int(math.Round(r.lognormal(median, sigma)))
	return max(d, lo)
}

// poisson returns a Poisson count with a small mean (Knuth's method).
func (r rng) poisson(mean float64) int {
	limit, k, p := math.Exp(-mean), 0, r.Float64()
	for p > limit && k < 50 {
		k++
		p *= r.Float64()
	}
	return k
}

// weights is a cumulative distribution over indexes 0..n-1.
type weights []float64

// newWeights builds the cumulative distribution of ws.
func newWeights(ws ...float64) weights {
	c := make(weights, len(ws))
	sum := 0.0
	for i, w := range ws {
		sum += w
		c[i] = sum
	}
	return c
}

// pick returns an index with probability proportional to its weight.
func (w weights) pick(r rng) int {
	x := r.Float64() * w[len(w)-1]
	i := sort.Search(len(w), func(i int) bool { return w[i] > x })
	return min(i, len(w)-1)
}
