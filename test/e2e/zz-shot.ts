import { launchBrowser } from '/work/main/test/e2e/browser'
const [url, out, wait] = process.argv.slice(2)
const b = await launchBrowser()
const p = await b.newPage({ viewport: { width: 1400, height: 1000 } })
p.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)))
await p.goto(url!)
await p.waitForTimeout(Number(wait ?? 4000))
await p.screenshot({ path: out!, fullPage: true })
await b.close()
