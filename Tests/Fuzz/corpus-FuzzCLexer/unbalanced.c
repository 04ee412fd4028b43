	}
}
foo(a, (b, c), [d, e], {f, g});
bar(x, y
if (a) { b(c[1]); } else { d(); }
label:
	return;
