#include <linux/types.h>
#define FROB_CHECK(x)		\
	do {			\
		if ((x) > 3)	\
			bad();	\
	} while (0)
#ifdef CONFIG_FROB
# define FROB_ON 1
#endif
	x = a ## b;
