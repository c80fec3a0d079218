// Runs every benchmark in bench/ and prints its figures.
const benches = ['./product-rows.ts']
for (const b of benches) await import(b)
