package runtime

import "strconv"

// The tags each catalog image really published (a representative list,
// not every one): a reference to any other tag is not found, as it is on
// the real registry. Tags only ever get added: a published tag is never
// taken back, so the examples that name one keep working.

// series returns prefix+from ... prefix+to, each followed by suffix:
// series("1.", 14, 16, "") is 1.14 1.15 1.16.
func series(prefix string, from, to int, suffix string) []string {
	out := make([]string, 0, to-from+1)
	for i := from; i <= to; i++ {
		out = append(out, prefix+strconv.Itoa(i)+suffix)
	}
	return out
}

// tagList joins lists of tags.
func tagList(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func busyboxTags() []string {
	return tagList(series("1.", 24, 37, ""),
		[]string{"1.27.2", "1.28.4", "1.29.3", "1.30.1", "1.31.1", "1.32.1", "1.33.1", "1.34.1", "1.35.0", "1.36.0", "1.36.1", "1.37.0",
			"latest", "stable", "musl", "glibc", "uclibc"})
}

// registry.k8s.io/busybox is an old mirror with three tags.
func k8sBusyboxTags() []string { return []string{"1.24", "1.27.2", "latest"} }

func alpineTags() []string {
	return tagList(series("3.", 1, 22, ""), []string{"3.18.4", "3.19.1", "3.20.3", "3.21.3", "3.22.1", "latest", "edge"})
}

func nginxTags() []string {
	return tagList(series("1.", 9, 29, ""), series("1.", 9, 29, "-alpine"),
		[]string{"1.7.9", "1.14.2", "1.15.12", "1.16.1", "1.17.10", "1.19.10", "1.20.2", "1.21.6", "1.22.1", "1.23.4",
			"1.24.0", "1.25.5", "1.26.3", "1.27.5", "1.28.0", "1.29.1",
			"latest", "stable", "mainline", "alpine", "stable-alpine", "mainline-alpine"})
}

// registry.k8s.io/nginx-slim, the StatefulSet tutorial's image (0.7 and
// 0.8 in older versions of the page, 0.21 and later in newer ones).
func nginxSlimTags() []string { return series("0.", 1, 27, "") }

func httpdTags() []string {
	return tagList([]string{"2", "2.2", "2.4", "latest", "alpine", "2.4-alpine"}, series("2.4.", 46, 65, ""))
}

func redisTags() []string {
	return []string{"3.2", "4", "4.0", "5", "5.0", "5.0.4", "6", "6.0", "6.0.5", "6.2", "7", "7.0", "7.2", "7.4", "7.4.1", "8", "8.0",
		"latest", "alpine", "7-alpine"}
}

func pauseTags() []string {
	return []string{"0.8.0", "1.0", "2.0", "3.0", "3.1", "3.2", "3.3", "3.4.1", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.10.1", "latest"}
}

func agnhostTags() []string { return series("2.", 1, 55, "") }

func etcdTags() []string {
	return tagList([]string{"3.4.13-0", "3.4.18-0"}, series("3.5.", 0, 21, "-0"), series("3.6.", 0, 4, "-0"))
}

func debianTags() []string {
	return []string{"10", "11", "12", "13", "buster", "bullseye", "bookworm", "trixie", "buster-slim", "bullseye-slim",
		"bookworm-slim", "trixie-slim", "stable", "stable-slim", "latest"}
}

func ubuntuTags() []string {
	return []string{"16.04", "18.04", "20.04", "22.04", "24.04", "24.10", "25.04", "xenial", "bionic", "focal", "jammy", "noble",
		"rolling", "latest"}
}

func fedoraTags() []string { return tagList(series("", 35, 42, ""), []string{"latest", "rawhide"}) }

func curlTags() []string {
	return []string{"7.78.0", "7.85.0", "7.88.1", "8.00.1", "8.1.2", "8.4.0", "8.5.0", "8.6.0", "8.7.1", "8.8.0", "8.9.1",
		"8.10.1", "8.11.1", "8.12.1", "8.13.0", "8.14.1", "8.15.0", "latest"}
}

func socatTags() []string {
	return []string{"1.7.4.1-r1", "1.7.4.3-r0", "1.7.4.4", "1.8.0.0", "1.8.0.1", "1.8.0.3", "latest"}
}
