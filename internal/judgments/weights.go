package judgments

// Weights are every constant of the ranking, in one place. They were set
// by reasoning about what the parts of a judgment say, not fitted to any
// evaluation file:
//   - the facts (经审理查明) describe the case and weigh most; the court's
//     reasoning (本院认为) names the legal issue and weighs nearly as much;
//     the claims repeat the facts from one side; the disposition is mostly
//     formula; the parties' heading is names and places and weighs least;
//   - k1 and b are the usual BM25 values;
//   - the structured evidence adds to the text score, which is scaled so
//     that the best text match of the query scores 1: the same 案由 adds
//     0.25, sharing every cited article (by their rarity) adds 0.25, the
//     same court level 0.05 (a tie-breaker).
type Weights struct {
	Field      [NumFields]float64 // BM25F field weights
	B          [NumFields]float64 // length normalisation per field
	K1         float64
	Cause      float64 // same 案由 or charge
	Articles   float64 // shared cited articles, as a share of the query's articles weighted by rarity
	Level      float64 // same court level
	QueryTerms int     // the query's most telling terms that are looked up
	Candidates int     // text matches reranked with the structured evidence
	Plain      bool    // plain BM25: one field, the whole text (the baseline)
	NoCause    bool    // do not use 案由 as evidence (evaluation where relevance is the 案由)
}

// DefaultWeights are the product's weights.
var DefaultWeights = Weights{
	Field:      [NumFields]float64{FieldParties: 0.2, FieldClaims: 0.6, FieldFacts: 1.0, FieldReasoning: 0.8, FieldDisposition: 0.4},
	B:          [NumFields]float64{0.75, 0.75, 0.75, 0.75, 0.75},
	K1:         1.2,
	Cause:      0.25,
	Articles:   0.25,
	Level:      0.05,
	QueryTerms: 64,
	Candidates: 300,
}

// PlainBM25 is the baseline: BM25 over the whole text with the same
// segmentation, and no structured evidence.
var PlainBM25 = Weights{
	Field:      [NumFields]float64{1, 1, 1, 1, 1},
	B:          [NumFields]float64{0.75, 0.75, 0.75, 0.75, 0.75},
	K1:         1.2,
	QueryTerms: 64,
	Candidates: 300,
	Plain:      true,
	NoCause:    true,
}
