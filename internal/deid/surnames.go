package deid

import "strings"

// compoundSurnames are the two-character surnames (复姓) kept whole in a
// pseudonym: 欧阳某, not 欧某.
var compoundSurnames = splitWords(`欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 闾丘
子车 亓官 司空 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 仲孙 呼延 端木 百里 东郭 南宫 西门 万俟 独孤 拓跋 赫连
公羊 谷梁 左丘 梁丘 东门 羊舌 微生 公良 乐正 漆雕 壤驷 公西 巫马 司寇 颛孙 段干 第五 鲜于 闻人 即墨 哥舒 纳兰`)

// singleSurnames are the common one-character surnames; a name found in the
// text without a party paragraph must begin with one of them.
var singleSurnames = setOf(`王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵩帖蔺公植揭`)

func splitWords(s string) []string { return strings.Fields(s) }

func setOf(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// surnameOf returns the surname of a Chinese name: a compound surname when the
// name begins with one, else its first character.
func surnameOf(name string) string {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) && len(name) > len(c) {
			return c
		}
	}
	for _, r := range name {
		return string(r)
	}
	return ""
}

// startsWithSurname reports whether name begins with a known surname.
func startsWithSurname(name string) bool {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) {
			return true
		}
	}
	for _, r := range name {
		return singleSurnames[r]
	}
	return false
}
