#include "lex/lexicon.h"
#include "text.h"

/* Month name or its abbreviation ("Sep", "Sept") at S: its number, or 0. */
static int month_at(const char *s, size_t n, size_t *used)
{
	size_t k = 0;
	char w[16];
	while (k < n && k < sizeof w - 1 && ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z')) {
		w[k] = (char)(s[k] | 32);
		k++;
	}
	w[k] = 0;
	if (k < 3)
		return 0;
	int m = dm_lex_value(&dm_lex_months, w);
	if (m <= 0)
		m = dm_lex_value(&dm_lex_month_abbrevs, w);
	if (m <= 0)
		return 0;
	*used = k;
	if (k < n && s[k] == '.')
		(*used)++;
	return m;
}

static size_t digits(const char *s, size_t n, int max, int *val)
{
	size_t k = 0;
	*val = 0;
	while (k < n && k < (size_t)max && s[k] >= '0' && s[k] <= '9')
		*val = *val * 10 + (s[k++] - '0');
	return k;
}

static int valid(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1800 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static size_t emit(int y, int m, int d, char out[11], size_t used)
{
	if (!valid(y, m, d))
		return 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = 0;
	return used;
}

/* ", 2020" or " 2020" from K on: the end of the year, or 0. */
static size_t year_at(const char *s, size_t n, size_t k, int *y)
{
	if (k < n && s[k] == ',')
		k++;
	while (k < n && s[k] == ' ')
		k++;
	return digits(s + k, n - k, 4, y) == 4 ? k + 4 : 0;
}

size_t dm_parse_date(const char *s, size_t n, char out[11])
{
	int y, m, d;
	size_t k, used;
	/* 2020-05-14 (also with / or .) */
	if ((k = digits(s, n, 4, &y)) == 4 && k < n && (s[k] == '-' || s[k] == '/' || s[k] == '.')) {
		char sep = s[k];
		size_t k2 = digits(s + k + 1, n - k - 1, 2, &m);
		if (k2 && k + 1 + k2 < n && s[k + 1 + k2] == sep) {
			size_t k3 = digits(s + k + 2 + k2, n - k - 2 - k2, 2, &d);
			if (k3) {
				size_t end = k + 2 + k2 + k3;
				if (end < n && s[end] >= '0' && s[end] <= '9')
					return 0;
				return emit(y, m, d, out, end);
			}
		}
		return 0;
	}
	/* May 14, 2020 */
	if ((m = month_at(s, n, &used))) {
		k = used;
		while (k < n && s[k] == ' ')
			k++;
		size_t k2 = digits(s + k, n - k, 2, &d);
		if (!k2)
			return 0;
		k += k2;
		if (k + 1 < n && ((s[k] == 's' && s[k + 1] == 't') || (s[k] == 'n' && s[k + 1] == 'd') ||
		                  (s[k] == 'r' && s[k + 1] == 'd') || (s[k] == 't' && s[k + 1] == 'h')))
			k += 2;
		size_t end = year_at(s, n, k, &y);
		return end ? emit(y, m, d, out, end) : 0;
	}
	/* 14 May 2020 */
	if ((k = digits(s, n, 2, &d)) > 0) {
		while (k < n && s[k] == ' ')
			k++;
		if (!(m = month_at(s + k, n - k, &used)))
			return 0;
		size_t end = year_at(s, n, k + used, &y);
		return end ? emit(y, m, d, out, end) : 0;
	}
	return 0;
}
