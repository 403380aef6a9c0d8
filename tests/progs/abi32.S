/* abi32 - a 32-bit (i386) program for rules_evasion.sh, which builds it
 * when the compiler can (gcc -m32 -nostdlib -static): int 0x80 is its
 * native entry, so RX-PROC-013 must not report it. Writes "abi32 ok". */
	.text
	.globl _start
_start:
	movl $4, %eax		/* i386 write */
	movl $1, %ebx
	movl $msg, %ecx
	movl $len, %edx
	int $0x80
	movl $1, %eax		/* i386 exit */
	xorl %ebx, %ebx
	int $0x80

	.data
msg:	.ascii "abi32 ok\n"
	len = . - msg

	.section .note.GNU-stack, "", @progbits
