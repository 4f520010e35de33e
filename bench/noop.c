/* The floor: a static binary that does nothing. bench/compare.sh builds it
   with the same static, stripped link as gostatus and times it alongside. */
int main(void) { return 0; }
