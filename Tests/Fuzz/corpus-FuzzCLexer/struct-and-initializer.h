struct frob_ops {
	int (*start)(struct widget *w);
	void (*stop)(struct widget *w);
};

static const struct frob_ops default_ops = {
	.start = frob_start,
	.stop = frob_stop,
};
enum { FROB_A = 1 << 0, FROB_B = 1 << 1 };
