/*
 * A block comment across lines, with "quotes" and 'c' inside.
 */
int x = 1; /* trailing */ int y = 2; // line comment
const char *s = "esc \" quote \\ and \t tab";
char c = '\'';
unsigned long long n = 0x1fULL + 1e+10 + .5f + 0x1.8p-3;
a >>= 2; b <<= 1; p->q++; --r; v...;
