/**
 * A trivial widget for the smoke test: loads the SDK's own UMD build (no build step), runs the unmodified
 * `initializeB24Frame()`, reads PLACEMENT / PLACEMENT_OPTIONS, calls REST and fits the frame.
 */
export const PROBE_PAGE = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>SDK probe</title>
<style>body{font:13px/1.4 monospace;margin:12px}</style></head>
<body>
<h3>b24jssdk probe</h3>
<button id="run" data-testid="probe-run" hidden>run</button>
<pre id="out" data-testid="probe-status">starting</pre>
<script src="/emulator/vendor/b24jssdk.js"></script>
<script>
(async function () {
  var out = document.getElementById('out')
  function show(o) { out.textContent = JSON.stringify(o, null, 2); document.body.setAttribute('data-state', o.state) }
  try {
    var timeout = new Promise(function (_, reject) { setTimeout(function () { reject(new Error('initializeB24Frame timeout')) }, 8000) })
    var b24 = await Promise.race([B24Js.initializeB24Frame(), timeout])
    if (/[?&]wait=1/.test(location.search)) {
      show({ state: 'waiting' })
      var run = document.getElementById('run')
      run.hidden = false
      await new Promise(function (resolve) { run.addEventListener('click', resolve, { once: true }) })
    }
    // An install page finishes the install: the host then reloads this frame with install_finished=Y.
    if (b24.isInstallMode) {
      show({ state: 'installing' })
      await b24.installFinish()
      return
    }
    var placement = b24.placement.placement
    var options = b24.placement.options
    var call = placement === 'CRM_LEAD_DETAIL_TAB' ? ['crm.lead.get', { id: options.ID }]
      : placement === 'CRM_SMART_INVOICE_DETAIL_TAB' ? ['crm.item.get', { entityTypeId: 31, id: options.ID }]
      : placement === 'DEFAULT' ? ['profile', {}]
      : ['crm.deal.get', { id: options.ID }]
    var res = await b24.actions.v2.call.make({ method: call[0], params: call[1] })
    var data = res.getData().result
    var me = (await b24.actions.v2.call.make({ method: 'user.current' })).getData().result
    await b24.parent.fitWindow()
    show({ state: 'ready', placement: placement, options: options, method: call[0],
      title: data.TITLE || (data.item && data.item.title), user: me.NAME + ' ' + me.LAST_NAME,
      lang: b24.getLang(), isAdmin: b24.auth.isAdmin, installFinished: /[?&]install_finished=Y/.test(location.search) })
  } catch (e) {
    show({ state: 'error', message: String((e && e.message) || e), code: e && e.code })
  }
})()
</script>
</body>
</html>`
