package deid

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// checkText asserts what an output contains and does not contain.
func checkText(t *testing.T, out string, has, hasNot []string) {
	t.Helper()
	for _, s := range has {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	for _, s := range hasNot {
		if strings.Contains(out, s) {
			t.Errorf("output still has %q:\n%s", s, out)
		}
	}
}

func TestDeidFamilyCase(t *testing.T) {
	text := Sample()
	min := Text(text, Options{})
	if !min.Family {
		t.Fatal("离婚纠纷 not seen as a family case")
	}
	checkText(t, min.Text,
		[]string{"原告：张某，女", "被告：王某，男", "婚生女王某某", "住北京市朝阳区，", "现住北京市海淀区，", "户籍地河北省保定市竞秀区",
			"委托诉讼代理人：李明，北京市天元律师事务所律师", "北京某某房地产开发有限公司，住所地北京市朝阳区光华路1号",
			"法定代表人：赵刚", "委托诉讼代理人：王建国", "审判员　李晓杰", "书记员　唐婷", "京N×××××", "患有×××"},
		[]string{"张小红", "王大伟", "王小雨", "建国路88号", "中关村南大街", "110105198503070021", "13912345678", "6222020200001234567", "0012345", "抑郁症", "京AD12345"})
	strict := Text(text, Options{Setting: Strict})
	checkText(t, strict.Text, []string{"委托诉讼代理人：王某某", "法定代表人：赵某", "婚生女王某甲", "李明"}, []string{"王建国", "赵刚"})
	if len(min.Warnings) == 0 || !strings.Contains(min.Warnings[0], "第四条") {
		t.Errorf("a divorce judgment should warn about 第四条: %v", min.Warnings)
	}
}

func TestDeidPseudonyms(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		opt      Options
		has, not []string
	}{
		{"compound surname and three who share a surname", "（2024）京0105民初1号 民事判决书\n原告：欧阳娜娜，女，汉族。\n被告：欧阳锋，男，汉族。\n第三人：欧阳克，男，汉族。\n原告欧阳娜娜与被告欧阳锋、第三人欧阳克继承纠纷一案。欧阳锋称。",
			Options{}, []string{"原告：欧阳某，", "被告：欧阳某某，", "第三人：欧阳某甲，", "被告欧阳某某、第三人欧阳某甲继承纠纷", "欧阳某某称"}, []string{"娜娜", "欧阳锋", "欧阳克"}},
		{"numbered as 第九条 words it", "（2024）京0105民初1号\n原告：李大山，男，汉族。\n被告：李小河，女，汉族。\n原告李大山与被告李小河离婚纠纷一案。",
			Options{Numbered: true}, []string{"原告：李某1，", "被告：李某2，"}, []string{"李大山", "李小河"}},
		{"a pseudonym the source already uses is not reused", "（2024）京0105民初1号\n原告：张明，男，汉族。\n被告：张某，女，汉族。\n原告张明与被告张某离婚纠纷一案。",
			Options{}, []string{"原告：张某某，", "被告：张某，"}, []string{"张明"}},
		{"minority name", "（2024）新0102民初1号\n原告：阿依古丽·买买提，女，维吾尔族。\n被告：李强，男，汉族。\n原告阿依古丽·买买提与被告李强离婚纠纷一案。",
			Options{}, []string{"原告：阿某，", "被告：李某，"}, []string{"阿依古丽", "买买提"}},
		{"a judge whose name begins with a party's", "（2024）京0105民初1号\n原告：李晓，女，汉族。\n被告：赵伟，男，汉族。\n原告李晓与被告赵伟离婚纠纷一案。\n审判员　李晓杰\n书记员　王芳",
			Options{}, []string{"审判员　李晓杰", "原告：李某，", "书记员　王芳"}, []string{"原告李晓与"}},
		{"civil case that is not a family case keeps names at the minimum", "（2024）京0105民初1号\n原告：李晓，女，汉族，住北京市朝阳区建国路1号。\n被告：北京甲有限公司，住所地北京市朝阳区建国路2号。\n原告李晓与被告北京甲有限公司买卖合同纠纷一案。",
			Options{}, []string{"原告：李晓，", "住北京市朝阳区。", "住所地北京市朝阳区建国路2号"}, []string{"建国路1号"}},
		{"strict masks the same case", "（2024）京0105民初1号\n原告：李晓，女，汉族。\n被告：北京甲有限公司，住所地北京市朝阳区建国路2号。\n原告李晓与被告北京甲有限公司买卖合同纠纷一案。",
			Options{Setting: Strict}, []string{"原告：李某，", "原告李某与被告北京甲有限公司"}, []string{"李晓"}},
		{"parties given by the case data", "（2024）京0105民初1号\n本院受理张三丰诉李四光借款合同纠纷一案。",
			Options{Setting: Strict, Parties: []Party{{Name: "张三丰", Role: "原告"}, {Name: "李四光", Role: "被告"}}}, []string{"张某诉李某借款"}, []string{"张三丰", "李四光"}},
		{"cause from the case data makes a family case", "（2024）京0105民初1号\n原告：王五，男，汉族。\n被告：赵六，女，汉族。",
			Options{Cause: "赡养纠纷"}, []string{"原告：王某，", "被告：赵某，"}, []string{"王五", "赵六"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkText(t, Text(tc.text, tc.opt).Text, tc.has, tc.not)
		})
	}
}

func TestDeidCriminalCase(t *testing.T) {
	text := `浙江省杭州市西湖区人民法院
刑事判决书
（2023）浙0106刑初88号
公诉机关杭州市西湖区人民检察院。
被告人周强，男，1990年2月3日出生，汉族，住浙江省杭州市西湖区文三路10号。
辩护人孙丽，浙江某某律师事务所律师。
被告人吴小军，男，2007年5月6日出生，汉族，住浙江省杭州市西湖区。
法定代理人吴建平，系被告人吴小军之父。
杭州市西湖区人民检察院指派检察员郑华出庭支持公诉。
经审理查明：2023年1月5日，被告人周强、吴小军驾驶浙A8B8C8号小型轿车至被害人陈国庆家中，盗得其银行卡（卡号6217000010001234567）。证人刘芳、林涛的证言证实上述事实。被害人陈国庆报警。
审判长　钱明
二〇二三年九月一日
书记员　冯雪`
	r := Text(text, Options{})
	checkText(t, r.Text,
		[]string{"被告人周强，", "辩护人孙丽，", "检察员郑华", "被害人陈某家中", "证人刘某、林某的证言", "被告人吴某，", "法定代理人吴某某", "浙A×××××号", "审判长　钱明", "杭州市西湖区人民检察院", "住浙江省杭州市西湖区。"},
		[]string{"陈国庆", "刘芳", "林涛", "吴小军", "吴建平", "文三路", "6217000010001234567"})
	if !strings.Contains(strings.Join(r.Warnings, ""), "未成年人犯罪") {
		t.Errorf("a minor defendant should warn about 第四条第（二）项: %v", r.Warnings)
	}
}

func TestDeidNumbers(t *testing.T) {
	tests := []struct {
		in   string
		typ  Type
		want string // the original that is deleted, "" for nothing
	}{
		{"身份证号码11010519491231002X，", TypeIDNumber, "11010519491231002X"},
		{"公民身份号码：１１０１０５１９８５０３０７００２１。", TypeIDNumber, "１１０１０５１９８５０３０７００２１"},
		{"身份证号码110105850307002，", TypeIDNumber, "110105850307002"},
		{"联系电话：138-1234-5678。", TypePhone, "138-1234-5678"},
		{"手机+8613912345678。", TypePhone, "8613912345678"},
		{"电话0571-88889999。", TypePhone, "0571-88889999"},
		{"座机电话88889999。", TypePhone, "88889999"},
		{"账号 6222 0202 0000 1234 567 。", TypeBankAccount, "6222 0202 0000 1234 567"},
		{"开户账号1202020209000123456。", TypeBankAccount, "1202020209000123456"},
		{"驾驶苏E·12345号车", TypePlate, "苏E·12345"},
		{"驾驶粤BD12345号新能源车", TypePlate, "粤BD12345"},
		{"驾驶京A1234挂", "", ""},
		{"房屋所有权证号：杭房权证西字第0123456号", TypeCertificate, "0123456"},
		{"邮箱zhang.san@example.com。", TypeContact, "zhang.san@example.com"},
		{"微信号：zhangsan_88，", TypeContact, "zhangsan_88"},
		{"QQ号123456789，", TypeContact, "123456789"},
		{"借款人民币100000元，2017年4月28日15时。", "", ""},
		{"统一社会信用代码91330106MA2B3C4D5E。", "", ""},
		{"（2017）沪0120刑初684号", "", ""},
		{"被告患有精神分裂症，", TypeHealth, "精神分裂症"},
		{"系乙肝病毒携带者", TypeHealth, "乙肝病毒携带者"},
		{"被告人系精神分裂症患者，", TypeHealth, "精神分裂症"},
		{"其身患尿毒症，", TypeHealth, "尿毒症"},
		{"有高血压病史。", TypeHealth, "高血压"},
		{"无既往病史。", "", ""},
		{"经鉴定，被害人左侧肋骨骨折，构成轻伤二级。", "", ""},
	}
	for _, tc := range tests {
		r := Text(tc.in, Options{})
		var got []Change
		for _, c := range r.Changes {
			if c.Type != TypeName && c.Type != TypeAddress {
				got = append(got, c)
			}
		}
		if tc.want == "" {
			if len(got) > 0 {
				t.Errorf("%q: deleted %+v, want nothing", tc.in, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Type != tc.typ || got[0].Original != tc.want {
			t.Errorf("%q: got %+v, want one %s %q", tc.in, got, tc.typ, tc.want)
		}
	}
}

func TestDeidAddresses(t *testing.T) {
	tests := []struct{ in, want string }{
		{"原告：李某，男，住上海市奉贤区南桥镇解放路1号。", "住上海市奉贤区。"},
		{"原告：李某，男，住江苏省昆山市玉山镇前进路2号。", "住江苏省昆山市。"},
		{"原告：李某，男，住江苏省苏州市昆山市玉山镇前进路2号。", "住江苏省苏州市昆山市。"},
		{"原告：李某，男，户籍地贵州省。", "户籍地贵州省。"},
		{"原告：李某，男，住新疆维吾尔自治区乌鲁木齐市天山区解放南路3号。", "住新疆维吾尔自治区乌鲁木齐市天山区。"},
		{"原告：李某，男，住长沙市雨花区雨花亭街道黑塘坡社区。", "住长沙市雨花区。"},
		{"原告：李某，男，住福建省古田县。", "住福建省古田县。"},
		{"被告：甲有限公司，住所地上海市奉贤区南桥镇解放路1号。", "住所地上海市奉贤区南桥镇解放路1号。"},
		{"被告人在其居住地吸食毒品。", "在其居住地吸食毒品。"},
	}
	for _, tc := range tests {
		if got := Text(tc.in, Options{}).Text; !strings.Contains(got, tc.want) {
			t.Errorf("%q → %q, want it to contain %q", tc.in, got, tc.want)
		}
	}
}

func TestDeidOffsets(t *testing.T) {
	text := "原告：张小红，女，住北京市朝阳区建国路1号。\n原告张小红与被告王五离婚纠纷一案。电话13912345678"
	r := Text(text, Options{Setting: Strict})
	runes := []rune(text)
	for _, c := range r.Changes {
		n := len([]rune(c.Original))
		if c.Offset+n > len(runes) || string(runes[c.Offset:c.Offset+n]) != c.Original {
			t.Errorf("change %+v: offset does not point at its original", c)
		}
	}
	if len(r.Changes) < 4 {
		t.Errorf("want at least 4 changes, got %+v", r.Changes)
	}
}

func TestDeidReadParties(t *testing.T) {
	good := "名称,诉讼地位,类型,身份证号,住所\n张三丰,原告,自然人,,北京市朝阳区建国路1号\n北京甲有限公司,被告,法人,,\n"
	ps, err := ReadParties("p.csv", strings.NewReader(good))
	if err != nil || len(ps) != 2 || ps[1].Type != LegalPerson || ps[0].Address == "" {
		t.Fatalf("ReadParties = %+v, %v", ps, err)
	}
	bad := "名称,诉讼地位,类型\n,原告,自然人\n李四,被告,公民\n"
	_, err = ReadParties("p.csv", strings.NewReader(bad))
	if err == nil || !strings.Contains(err.Error(), "第 2 行“名称”") || !strings.Contains(err.Error(), "第 3 行“类型”") {
		t.Errorf("bad rows: %v", err)
	}
	_, err = ReadParties("p.csv", strings.NewReader("姓名,地位\n张三,原告\n"))
	if err == nil || !strings.Contains(err.Error(), "缺少列“名称”") {
		t.Errorf("missing column: %v", err)
	}
	text := "（2024）京0105民初1号\n本院受理张三丰诉北京甲有限公司一案。张三丰住北京市朝阳区建国路1号。"
	r := Text(text, Options{Setting: Strict, Parties: ps})
	checkText(t, r.Text, []string{"张某诉北京甲有限公司", "住北京市朝阳区。"}, []string{"张三丰", "建国路"})
}

func TestDeidFileErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"a.txt", nil, "是空的"},
		{"a.txt", []byte("  \n "), "是空的"},
		{"a.docx", []byte("not a zip"), "不是有效的 DOCX"},
		{"a.doc", []byte("\xd0\xcf\x11\xe0"), "旧版 Word"},
		{"a.pdf", []byte("%PDF"), "只接受 .txt 和 .docx"},
		{"a.txt", make([]byte, MaxInput+1), "超过 20 MB"},
		{"a.txt", []byte{0xff, 0xfe, 0x00, 0x41}, "不是"},
	}
	for _, tc := range tests {
		_, _, err := File(tc.name, tc.data, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestDeidHardCases(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		opt      Options
		has, not []string
	}{
		{"a foreigner's Latin name keeps its first letter (第九条第（三）项)", "（2024）沪0105民初1号\n原告：JOHN SMITH，男，美国国籍。\n被告：李丽，女，汉族。\n原告JOHN SMITH与被告李丽离婚纠纷一案。",
			Options{}, []string{"原告：J，", "原告J与被告李某离婚"}, []string{"SMITH"}},
		{"a minor in a civil case and the legal representative", "（2024）京0105民初1号\n原告：张小明，男，2012年5月1日出生，汉族。\n法定代理人：张大山，男，系原告之父。\n被告：北京甲有限公司。\n原告张小明与被告北京甲有限公司生命权纠纷一案。\n二〇二四年六月一日",
			Options{}, []string{"原告：张某，", "法定代理人：张某某，", "北京甲有限公司"}, []string{"张小明", "张大山"}},
		{"an adult in the same case keeps the name", "（2024）京0105民初1号\n原告：张小明，男，1990年5月1日出生，汉族。\n被告：北京甲有限公司。\n原告张小明与被告北京甲有限公司生命权纠纷一案。\n二〇二四年六月一日",
			Options{}, []string{"原告：张小明，"}, nil},
		{"a name split by a line break is not a name", "（2024）京0105民初1号\n原告：王芳，女，汉族，离婚纠纷。\n被告：王\n伟。",
			Options{}, []string{"原告：王某，"}, nil},
		{"a witness and a 鉴定人 in a criminal case, a 保证人 is not a witness", "（2024）京0105刑初1号 刑事判决书\n被告人刘强，男。\n证人赵敏、钱进的证言；鉴定人孙立的鉴定意见；保证人周全出具保证书。",
			Options{}, []string{"证人赵某、钱某的证言", "鉴定人孙某", "保证人周全", "被告人刘强"}, []string{"赵敏", "钱进", "孙立"}},
		{"the same surname for a victim and an already masked witness", "（2024）京0105刑初1号 刑事判决书\n被告人刘强，男。\n被害人张明报警，证人张某证实。",
			Options{}, []string{"被害人张某某报警", "证人张某证实"}, []string{"张明"}},
		{"strict: parties named only in running text, and an alias", "（2024）京0105民初1号 民事判决书\n本院受理原告王大山与被告李小河买卖合同纠纷一案。被告李小河，曾用名李河，未到庭。原告诉称，原告方提交证据。",
			Options{Setting: Strict}, []string{"原告王某与被告李某买卖", "被告李某，曾用名李某某，", "原告诉称", "原告方提交"}, []string{"王大山", "李小河", "李河"}},
		{"an inheritance case: four of one surname, the deceased, a minor heir and the mother", "（2023）冀0102民初456号\n原告：李建华，男，汉族。\n原告：李建国，男，汉族。\n被告：李秀兰，女，汉族。\n被告：李小龙，男，2008年3月3日出生。\n法定代理人：王美丽，女，系被告李小龙之母。\n原告李建华、李建国与被告李秀兰、李小龙法定继承纠纷一案。被继承人李大海于2020年死亡。\n审判长　赵刚\n二〇二三年八月八日",
			Options{}, []string{"原告：李某，", "原告：李某某，", "被告：李某甲，", "被告：李某乙，", "法定代理人：王某，", "被继承人李某丙于", "审判长　赵刚"}, []string{"李建", "李秀兰", "李小龙", "王美丽", "李大海"}},
		{"a minor named in running text of a civil case", "（2024）京0105民初1号 民事判决书\n原告：李强，男，1980年1月1日出生。\n被告：北京甲有限公司。\n原告之子李小明（8岁）在被告商场摔伤，原告的女儿李丽（1999年3月出生）陪同。",
			Options{}, []string{"原告之子李某（8岁）", "原告：李强，", "女儿李丽"}, []string{"李小明"}},
		{"phone and ID inside a party paragraph in full-width digits", "原告：李四，男，身份证号：３７０１０２１９８００１０１１２３４，手机：１３８１２３４５６７８。",
			Options{}, []string{"身份证号：×××", "手机：×××"}, []string{"１３８"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkText(t, Text(tc.text, tc.opt).Text, tc.has, tc.not)
		})
	}
}

func TestDeidNoParties(t *testing.T) {
	r := Text("经审理查明，某人于2020年向他人借款，约定以尾号为6222020200001234567的银行卡还款，联系电话13912345678。", Options{})
	if len(r.Warnings) == 0 || !strings.Contains(r.Warnings[0], "未识别出当事人段落") {
		t.Errorf("warnings %v", r.Warnings)
	}
	checkText(t, r.Text, []string{"尾号为×××的银行卡", "联系电话×××"}, []string{"13912345678"})
}

func TestDeidGBKText(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(Sample())
	if err != nil {
		t.Fatal(err)
	}
	out, r, err := File("判决书.txt", []byte("\xef\xbb\xbf"+Sample()), Options{})
	if err != nil || !strings.HasPrefix(string(out), "北京市朝阳区人民法院") {
		t.Fatalf("UTF-8 with BOM: %v %q", err, firstRunes(string(out), 20))
	}
	out2, r2, err := File("判决书.txt", []byte(gbk), Options{})
	if err != nil || string(out2) != string(out) || len(r2.Changes) != len(r.Changes) {
		t.Errorf("GBK input: %v, %d changes, want the UTF-8 output with %d", err, len(r2.Changes), len(r.Changes))
	}
}
