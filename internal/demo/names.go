package demo

import "strings"

// surnames are the common 姓 with rough frequencies (per cent of the population).
var surnames = []struct {
	name string
	w    float64
}{
	{"王", 7.1}, {"李", 7.0}, {"张", 6.7}, {"刘", 5.4}, {"陈", 4.6}, {"杨", 3.1}, {"黄", 2.2},
	{"赵", 2.0}, {"吴", 1.9}, {"周", 1.9}, {"徐", 1.5}, {"孙", 1.4}, {"马", 1.4}, {"朱", 1.3},
	{"胡", 1.3}, {"郭", 1.2}, {"何", 1.2}, {"高", 1.1}, {"林", 1.1}, {"罗", 1.1}, {"郑", 1.0},
	{"梁", 1.0}, {"谢", 0.8}, {"宋", 0.8}, {"唐", 0.8}, {"许", 0.7}, {"韩", 0.7}, {"冯", 0.7},
	{"邓", 0.7}, {"曹", 0.7}, {"彭", 0.6}, {"曾", 0.6}, {"肖", 0.6}, {"田", 0.6}, {"董", 0.6},
	{"袁", 0.5}, {"潘", 0.5}, {"于", 0.5}, {"蒋", 0.5}, {"蔡", 0.5}, {"余", 0.5}, {"杜", 0.5},
	{"叶", 0.5}, {"程", 0.5}, {"苏", 0.4}, {"魏", 0.4}, {"吕", 0.4}, {"丁", 0.4}, {"任", 0.4},
	{"沈", 0.4}, {"姚", 0.4}, {"卢", 0.4}, {"姜", 0.4}, {"崔", 0.3}, {"钟", 0.3}, {"谭", 0.3},
	{"陆", 0.3}, {"汪", 0.3}, {"范", 0.3}, {"金", 0.3}, {"石", 0.3}, {"廖", 0.3}, {"贾", 0.3},
	{"夏", 0.3}, {"韦", 0.3}, {"付", 0.3}, {"方", 0.3}, {"白", 0.3}, {"邹", 0.3}, {"孟", 0.3},
	{"熊", 0.3}, {"秦", 0.3}, {"邱", 0.3}, {"江", 0.3}, {"尹", 0.2}, {"薛", 0.2}, {"闫", 0.2},
	{"段", 0.2}, {"雷", 0.2}, {"侯", 0.2}, {"龙", 0.2}, {"史", 0.2}, {"陶", 0.2}, {"黎", 0.2},
	{"贺", 0.2}, {"顾", 0.2}, {"毛", 0.2}, {"郝", 0.2}, {"龚", 0.2}, {"邵", 0.2}, {"万", 0.2},
	{"钱", 0.2}, {"严", 0.2}, {"覃", 0.1}, {"武", 0.2}, {"戴", 0.2}, {"莫", 0.1}, {"孔", 0.1},
	{"向", 0.1}, {"汤", 0.1}, {"欧阳", 0.05}, {"上官", 0.01}, {"司马", 0.01},
}

// givenChars are characters common in 名. Every one is in GBK.
const givenChars = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞辉斌宇浩凯健俊帆帅旭宁龙林欣婷雪琳晨阳博文颖倩佳丹梅兰琴云峰亮波宏海鑫瑞新彤晶思睿哲昊然嘉怡悦泽晓志建国春秋立永金振良天成家荣德清松柏蕾薇莉燕慧敬翔毅恒坤晖淑娇媛嫣露瑶蓉璐琪菲楠雯莹航远达庆利民安乐"

// popularNames are given, on purpose, to people of different courts (names
// are not unique: DATA.md keys people by 工号).
var popularNames = []string{"张伟", "王静", "李娜", "刘洋", "王磊", "陈静", "李强", "张敏"}

// nameGen draws personal names.
type nameGen struct {
	surname weights
	given   []string
}

func newNameGen() *nameGen {
	ws := make([]float64, len(surnames))
	for i, s := range surnames {
		ws[i] = s.w
	}
	return &nameGen{surname: newWeights(ws...), given: strings.Split(givenChars, "")}
}

// draw returns a name: a 姓 and a 名 of one or two characters.
func (g *nameGen) draw(r rng) string {
	s := surnames[g.surname.pick(r)].name
	if r.chance(0.42) {
		return s + g.given[r.IntN(len(g.given))]
	}
	return s + g.given[r.IntN(len(g.given))] + g.given[r.IntN(len(g.given))]
}

// drawUnique returns a name not in taken and records it.
func (g *nameGen) drawUnique(r rng, taken map[string]bool) string {
	for {
		n := g.draw(r)
		if !taken[n] {
			taken[n] = true
			return n
		}
	}
}
