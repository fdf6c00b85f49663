package court

// Outcome is an event that one module reports about a person to another:
// supervision (督办) and citizens' requests (群众诉求) report them, the
// assessment (绩效考核) counts them as inputs of its items.
type Outcome struct {
	Person int64  // people.id
	Kind   string // one of the Outcome* kinds
	Day    Date   // when it happened
	Ref    string // what it is about: the 督办单 or request number, the case number
}

// The outcome kinds.
const (
	OutcomeSupervisionOverdue = "督办超期"  // a supervision item (督办单) passed its due date unclosed
	OutcomeClosingRejected    = "销号被退回" // a rectification measure's closing (销号) was rejected
	OutcomeComplaintUpheld    = "投诉查实"  // a complaint against the person was substantiated
	OutcomeTraining           = "参加培训"  // training attended
)

// SupervisionSummary is the state of a court's supervision on a day, for the
// monthly bulletin (月通报).
type SupervisionSummary struct {
	Blue, Yellow, Red        int // pending cases with a warning of each colour
	ItemsOpen, ItemsOverdue  int // 督办单 open, and of them past their due date
	ItemsClosed              int // 督办单 closed in the period
	Measures, MeasuresClosed int // rectification measures, and of them closed (销号)
	MeasuresLate             int // measures past their deadline unclosed
}

// PetitionSummary counts a court's citizens' requests (群众诉求) in a period,
// for the monthly bulletin.
type PetitionSummary struct {
	Received       int // requests received in the period
	Closed         int // closed in the period
	FeedbackOnTime int // of those due for feedback in the period, answered in time
	FeedbackDue    int // requests whose feedback fell due in the period
	Overdue        int // open and past a deadline at the period's end
	Substantiated  int // complaints found substantiated (查实) in the period
}
