/* The cheapest program a prompt hook can start: the benchmark's baseline
   for "spawn something on every render". */
int main(void) { return 0; }
