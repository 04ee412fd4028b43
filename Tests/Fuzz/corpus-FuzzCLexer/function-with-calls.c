static int frob_widget(struct widget *w, unsigned long flags)
{
	int ret = 0;

	if (WARN_ON(!w->ready))
		return -EINVAL;
	w->count += 2;
	ret = helper_call(w, flags & 0xff, "name", 'c');
	return ret;
}
