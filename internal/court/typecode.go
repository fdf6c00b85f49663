package court

// TypeCode describes one 类型代字 of the 最高人民法院《关于人民法院案件案号的若干规定》
// (法〔2015〕137号) and its later additions: the code, the kind and level it
// means, and its official name.
type TypeCode struct {
	Code  string
	Kind  Kind
	Level Level
	Name  string
}

// typeCodes is the 类型代字 table. Codes are matched longest first, so 民辖终
// wins over 民辖 and 执恢 over 执.
var typeCodes = []TypeCode{
	// 管辖案件
	{"刑辖", KindCriminal, LevelOther, "刑事管辖案件"},
	{"民辖", KindCivil, LevelOther, "民事管辖案件"},
	{"民辖终", KindCivil, LevelOther, "民事管辖上诉案件"},
	{"民辖监", KindCivil, LevelOther, "民事管辖监督案件"},
	{"行辖", KindAdministrative, LevelOther, "行政管辖案件"},
	{"行辖终", KindAdministrative, LevelOther, "行政管辖上诉案件"},

	// 刑事案件
	{"刑初", KindCriminal, LevelFirst, "刑事一审案件"},
	{"刑终", KindCriminal, LevelSecond, "刑事二审案件"},
	{"刑再", KindCriminal, LevelRetrial, "刑事再审案件"},
	{"刑申", KindCriminal, LevelRetrialReview, "刑事申诉审查案件"},
	{"刑监", KindCriminal, LevelRetrialReview, "刑事审判监督案件"},
	{"刑抗", KindCriminal, LevelRetrialReview, "刑事抗诉再审审查案件"},
	{"刑核", KindCriminal, LevelOther, "死刑复核案件"},
	{"刑更", KindCriminal, LevelOther, "减刑假释案件"},
	{"刑医", KindCriminal, LevelOther, "强制医疗案件"},
	{"刑没", KindCriminal, LevelOther, "违法所得没收案件"},
	{"刑止", KindCriminal, LevelOther, "停止执行死刑案件"},
	{"刑他", KindCriminal, LevelOther, "其他刑事案件"},

	// 民事案件
	{"民初", KindCivil, LevelFirst, "民事一审案件"},
	{"民终", KindCivil, LevelSecond, "民事二审案件"},
	{"民再", KindCivil, LevelRetrial, "民事再审案件"},
	{"民申", KindCivil, LevelRetrialReview, "民事申请再审审查案件"},
	{"民监", KindCivil, LevelRetrialReview, "民事审判监督案件"},
	{"民抗", KindCivil, LevelRetrialReview, "民事抗诉再审审查案件"},
	{"民撤", KindCivil, LevelOther, "第三人撤销之诉案件"},
	{"民特", KindCivil, LevelSpecial, "民事特别程序案件"},
	{"民特监", KindCivil, LevelRetrialReview, "民事特别程序监督案件"},
	{"民督", KindCivil, LevelDunning, "督促程序案件"},
	{"民督监", KindCivil, LevelRetrialReview, "督促程序监督案件"},
	{"民催", KindCivil, LevelPublicNotice, "公示催告案件"},
	{"民破", KindCivil, LevelOther, "破产案件"},
	{"民算", KindCivil, LevelOther, "强制清算案件"},
	{"民他", KindCivil, LevelOther, "其他民事案件"},

	// 行政案件
	{"行初", KindAdministrative, LevelFirst, "行政一审案件"},
	{"行终", KindAdministrative, LevelSecond, "行政二审案件"},
	{"行再", KindAdministrative, LevelRetrial, "行政再审案件"},
	{"行申", KindAdministrative, LevelRetrialReview, "行政申请再审审查案件"},
	{"行监", KindAdministrative, LevelRetrialReview, "行政审判监督案件"},
	{"行抗", KindAdministrative, LevelRetrialReview, "行政抗诉再审审查案件"},
	{"行审", KindAdministrative, LevelOther, "非诉行政行为申请执行审查案件"},
	{"行审复", KindAdministrative, LevelOther, "非诉行政行为申请执行审查复议案件"},
	{"行赔初", KindAdministrative, LevelOther, "行政赔偿一审案件"},
	{"行赔终", KindAdministrative, LevelOther, "行政赔偿二审案件"},
	{"行赔再", KindAdministrative, LevelOther, "行政赔偿再审案件"},
	{"行赔申", KindAdministrative, LevelOther, "行政赔偿申请再审审查案件"},
	{"行赔监", KindAdministrative, LevelOther, "行政赔偿审判监督案件"},
	{"行赔抗", KindAdministrative, LevelOther, "行政赔偿抗诉再审审查案件"},
	{"行他", KindAdministrative, LevelOther, "其他行政案件"},

	// 国家赔偿与司法救助案件
	{"法赔", KindCompensation, LevelOther, "法院作为赔偿义务机关自赔案件"},
	{"委赔", KindCompensation, LevelOther, "赔偿委员会审理赔偿案件"},
	{"委赔监", KindCompensation, LevelOther, "赔偿委员会审理赔偿监督审查案件"},
	{"委赔提", KindCompensation, LevelOther, "赔偿委员会提审赔偿案件"},
	{"委赔再", KindCompensation, LevelOther, "赔偿委员会重新审理赔偿案件"},
	{"司救刑", KindJudicialAid, LevelOther, "刑事司法救助案件"},
	{"司救民", KindJudicialAid, LevelOther, "民事司法救助案件"},
	{"司救行", KindJudicialAid, LevelOther, "行政司法救助案件"},
	{"司救赔", KindJudicialAid, LevelOther, "国家赔偿司法救助案件"},
	{"司救执", KindJudicialAid, LevelOther, "执行司法救助案件"},
	{"司救访", KindJudicialAid, LevelOther, "涉诉信访司法救助案件"},
	{"司救他", KindJudicialAid, LevelOther, "其他司法救助案件"},

	// 区际司法协助案件
	{"认台", KindAssistance, LevelOther, "认可与执行台湾地区法院裁判案件"},
	{"认港", KindAssistance, LevelOther, "认可与执行香港特别行政区法院裁判案件"},
	{"认澳", KindAssistance, LevelOther, "认可与执行澳门特别行政区法院裁判案件"},
	{"认复", KindAssistance, LevelOther, "认可与执行申请复议案件"},
	{"认他", KindAssistance, LevelOther, "其他认可与执行案件"},
	{"请台送", KindAssistance, LevelOther, "请求台湾地区送达文书案件"},
	{"请港送", KindAssistance, LevelOther, "请求香港特别行政区送达文书案件"},
	{"请澳送", KindAssistance, LevelOther, "请求澳门特别行政区送达文书案件"},
	{"台请送", KindAssistance, LevelOther, "台湾地区请求送达文书案件"},
	{"港请送", KindAssistance, LevelOther, "香港特别行政区请求送达文书案件"},
	{"澳请送", KindAssistance, LevelOther, "澳门特别行政区请求送达文书案件"},
	{"请台调", KindAssistance, LevelOther, "请求台湾地区调查取证案件"},
	{"请港调", KindAssistance, LevelOther, "请求香港特别行政区调查取证案件"},
	{"请澳调", KindAssistance, LevelOther, "请求澳门特别行政区调查取证案件"},
	{"台请调", KindAssistance, LevelOther, "台湾地区请求调查取证案件"},
	{"港请调", KindAssistance, LevelOther, "香港特别行政区请求调查取证案件"},
	{"澳请调", KindAssistance, LevelOther, "澳门特别行政区请求调查取证案件"},
	{"请台罪赃", KindAssistance, LevelOther, "请求台湾地区移交罪赃案件"},
	{"台请罪赃", KindAssistance, LevelOther, "台湾地区请求移交罪赃案件"},
	{"请台移管", KindAssistance, LevelOther, "请求台湾地区接收被判刑人案件"},
	{"台请移管", KindAssistance, LevelOther, "台湾地区请求接收被判刑人案件"},
	{"请港移管", KindAssistance, LevelOther, "请求香港特别行政区接收被判刑人案件"},
	{"港请移管", KindAssistance, LevelOther, "香港特别行政区请求接收被判刑人案件"},
	{"请澳移管", KindAssistance, LevelOther, "请求澳门特别行政区接收被判刑人案件"},
	{"澳请移管", KindAssistance, LevelOther, "澳门特别行政区请求接收被判刑人案件"},

	// 国际司法协助案件
	{"协外认", KindAssistance, LevelOther, "承认与执行外国法院裁判案件"},
	{"协他", KindAssistance, LevelOther, "其他国际司法协助案件"},
	{"请外送", KindAssistance, LevelOther, "请求外国送达文书案件"},
	{"外请送", KindAssistance, LevelOther, "外国请求送达文书案件"},
	{"请外调", KindAssistance, LevelOther, "请求外国调查取证案件"},
	{"外请调", KindAssistance, LevelOther, "外国请求调查取证案件"},
	{"请外移", KindAssistance, LevelOther, "请求外国移管被判刑人案件"},
	{"外请移", KindAssistance, LevelOther, "外国请求移管被判刑人案件"},
	{"请引", KindAssistance, LevelOther, "请求外国引渡案件"},
	{"外请引", KindAssistance, LevelOther, "外国请求引渡案件"},

	// 司法制裁案件
	{"司惩", KindSanction, LevelOther, "司法制裁审查案件"},
	{"司惩复", KindSanction, LevelOther, "司法制裁复议案件"},

	// 非诉保全审查案件
	{"财保", KindCivil, LevelOther, "非诉财产保全审查案件"},
	{"行保", KindAdministrative, LevelOther, "非诉行为保全审查案件"},
	{"证保", KindCivil, LevelOther, "非诉证据保全审查案件"},
	{"行保复", KindAdministrative, LevelOther, "非诉行为保全复议案件"},

	// 执行案件
	{"执", KindEnforcement, LevelExecFirst, "首次执行案件"},
	{"执恢", KindEnforcement, LevelExecResume, "恢复执行案件"},
	{"执异", KindEnforcement, LevelExecObjection, "执行异议案件"},
	{"执复", KindEnforcement, LevelExecReview, "执行复议案件"},
	{"执监", KindEnforcement, LevelExecSupervision, "执行监督案件"},
	{"执保", KindEnforcement, LevelExecPreservation, "财产保全执行案件"},
	{"执协", KindEnforcement, LevelExecAssist, "执行协调案件"},
	{"执他", KindEnforcement, LevelOther, "其他执行案件"},

	// 强制清算与破产案件
	{"强清申", KindCivil, LevelOther, "强制清算申请审查案件"},
	{"强清", KindCivil, LevelOther, "强制清算案件"},
	{"强清终", KindCivil, LevelOther, "强制清算上诉案件"},
	{"破申", KindCivil, LevelOther, "破产申请审查案件"},
	{"破", KindCivil, LevelOther, "破产案件"},
	{"破终", KindCivil, LevelOther, "破产上诉案件"},
	{"破监", KindCivil, LevelOther, "破产监督案件"},

	// 诉前调解 (委派调解) 案件
	{"诉前调", KindPreLitigation, LevelPreLitigation, "诉前调解案件"},
	{"民诉前调", KindPreLitigation, LevelPreLitigation, "民事诉前调解案件"},
	{"行诉前调", KindPreLitigation, LevelPreLitigation, "行政诉前调解案件"},
	{"诉前保", KindCivil, LevelOther, "诉前保全案件"},
	{"民诉前保", KindCivil, LevelOther, "民事诉前保全案件"},
}

var typeCodeIndex = func() map[string]TypeCode {
	m := make(map[string]TypeCode, len(typeCodes))
	for _, tc := range typeCodes {
		m[tc.Code] = tc
	}
	return m
}()

// maxTypeCodeRunes is the length of the longest 类型代字, in characters.
const maxTypeCodeRunes = 4

// LookupTypeCode returns the 类型代字 entry for code.
func LookupTypeCode(code string) (TypeCode, bool) {
	tc, ok := typeCodeIndex[code]
	return tc, ok
}

// TypeCodes returns a copy of the whole 类型代字 table.
func TypeCodes() []TypeCode { return append([]TypeCode(nil), typeCodes...) }
