package court

// Kind is the broad kind of a case (案件类别): what the indicator filters
// 刑事 / 民事 / 行政 / 执行 select on.
type Kind uint8

// The case kinds. KindNone is the zero value of an unparsed case.
const (
	KindNone           Kind = iota
	KindCriminal            // 刑事
	KindCivil               // 民事
	KindAdministrative      // 行政
	KindEnforcement         // 执行
	KindPreLitigation       // 诉前调解
	KindCompensation        // 国家赔偿
	KindJudicialAid         // 司法救助
	KindAssistance          // 司法协助 (区际与国际)
	KindSanction            // 司法制裁
	KindOther               // 其他
)

var kindNames = [...]string{"", "刑事", "民事", "行政", "执行", "诉前调解", "国家赔偿", "司法救助", "司法协助", "司法制裁", "其他"}

// String returns the Chinese name of the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "未知"
}

// ParseKind reads a Chinese kind name (刑事, 民事, 行政, 执行 ...) or its English key.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if i > 0 && (s == n || s == kindKeys[i]) {
			return Kind(i), true
		}
	}
	return KindNone, false
}

var kindKeys = [...]string{"", "criminal", "civil", "administrative", "enforcement", "prelitigation", "compensation", "judicial_aid", "assistance", "sanction", "other"}

// Level is the procedural level of a case (审级 or 程序), as its 类型代字 tells.
type Level uint8

// The levels. LevelFirst, LevelSecond and LevelRetrial are the 一审, 二审 and
// 再审 of 刑事, 民事 and 行政 cases (刑初, 民初, 行初 ...); LevelExecFirst is 首次执行 (执).
const (
	LevelNone             Level = iota
	LevelFirst                  // 一审
	LevelSecond                 // 二审
	LevelRetrial                // 再审
	LevelRetrialReview          // 再审审查 (申诉, 申请再审, 抗诉审查, 审判监督)
	LevelSpecial                // 特别程序
	LevelDunning                // 督促程序
	LevelPublicNotice           // 公示催告
	LevelExecFirst              // 首次执行
	LevelExecResume             // 恢复执行
	LevelExecObjection          // 执行异议
	LevelExecReview             // 执行复议
	LevelExecSupervision        // 执行监督
	LevelExecPreservation       // 执行保全
	LevelExecAssist             // 执行协助
	LevelPreLitigation          // 诉前
	LevelOther                  // 其他
)

var levelNames = [...]string{"", "一审", "二审", "再审", "再审审查", "特别程序", "督促", "公示催告", "首次执行", "恢复执行", "执行异议", "执行复议", "执行监督", "执行保全", "执行协助", "诉前", "其他"}

// String returns the Chinese name of the level.
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return "未知"
}

// ParseLevel reads a Chinese level name.
func ParseLevel(s string) (Level, bool) {
	for i, n := range levelNames {
		if i > 0 && s == n {
			return Level(i), true
		}
	}
	return LevelNone, false
}

// Track is the procedure a first-instance case follows (适用程序).
type Track uint8

// The tracks; TrackNone when the export does not say.
const (
	TrackNone       Track = iota
	TrackOrdinary         // 普通程序
	TrackSimple           // 简易程序
	TrackSmallClaim       // 小额诉讼程序
	TrackExpedited        // 速裁程序
)

var trackNames = [...]string{"", "普通程序", "简易程序", "小额诉讼程序", "速裁程序"}

// String returns the Chinese name of the track.
func (t Track) String() string { return trackNames[t] }

// ParseTrack reads a track name or its short form (普通, 简易, 小额, 小额诉讼, 速裁).
func ParseTrack(s string) (Track, bool) {
	switch s {
	case "":
		return TrackNone, true
	case "普通程序", "普通", "一审普通程序":
		return TrackOrdinary, true
	case "简易程序", "简易", "一审简易程序":
		return TrackSimple, true
	case "小额诉讼程序", "小额诉讼", "小额", "小额程序":
		return TrackSmallClaim, true
	case "速裁程序", "速裁", "刑事速裁程序":
		return TrackExpedited, true
	}
	return TrackNone, false
}

// DefaultLimitDays is the statutory 审限 of DATA.md for a case of the given
// kind, level and track, or 0 when the case has no limit (不计审限).
func DefaultLimitDays(k Kind, l Level, t Track) int {
	switch {
	case l == LevelRetrial && (k == KindCriminal || k == KindCivil || k == KindAdministrative):
		return 180
	case k == KindEnforcement && (l == LevelExecFirst || l == LevelExecResume):
		return 180
	}
	switch k {
	case KindCivil:
		switch l {
		case LevelFirst:
			switch t {
			case TrackSimple:
				return 90
			case TrackSmallClaim:
				return 60
			}
			return 180
		case LevelSecond:
			return 90
		}
	case KindCriminal:
		switch l {
		case LevelFirst:
			if t == TrackExpedited {
				return 10
			}
			return 60
		case LevelSecond:
			return 60
		}
	case KindAdministrative:
		switch l {
		case LevelFirst:
			return 180
		case LevelSecond:
			return 90
		}
	}
	return 0
}
