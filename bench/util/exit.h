/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmbench's exit statuses, kselftest's where they overlap (4 is
 * KSFT_SKIP): the one rule every command and layer returns by.
 */
#ifndef CMB_EXIT_H
#define CMB_EXIT_H

#define CMB_EXIT_OK		0
#define CMB_EXIT_FAIL		1
#define CMB_EXIT_USAGE		2
#define CMB_EXIT_VERDICT	3	/* compare --fail-on: a verdict it names */
#define CMB_EXIT_SKIP		4
#define CMB_EXIT_INTERRUPTED	130

#endif
