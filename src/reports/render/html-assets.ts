// The report's own style and script, inlined into the page and allowed by hash in its
// Content-Security-Policy: nothing from the input ever goes into either.
import { createHash } from 'node:crypto';

export const STYLE = `
:root{--fail:#b42318;--warn:#b54708;--pass:#067647;--muted:#475467;--line:#d0d5dd;--bg:#f9fafb}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#101828;margin:0;background:#fff}
header,main{max-width:1200px;margin:0 auto;padding:16px 24px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.verdict{border-radius:8px;padding:16px 20px;margin:8px 0 16px;border:2px solid}
.verdict strong{font-size:24px;display:block}
.v-APPROVE{border-color:var(--pass);background:#ecfdf3}.v-REJECT{border-color:var(--fail);background:#fef3f2}.v-WAIVERS{border-color:var(--warn);background:#fffaeb}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px;background:var(--bg)}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}#findings th{position:sticky;top:0}.nowrap{white-space:nowrap}th.sortable{cursor:pointer}th.sortable:after{content:" \\2195";color:var(--muted)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.s-PASS,.s-met,.s-pass{color:var(--pass);font-weight:600}.s-FAIL,.s-not-met,.s-fail,.s-error,.s-expired{color:var(--fail);font-weight:600}
.s-WAIVED,.s-waived,.s-warn,.s-expiring{color:var(--warn);font-weight:600}.s-NOT-EVALUATED,.s-not-evaluated,.s-off,.s-skip{color:var(--muted)}
tr.expired td{background:#fef3f2}tr.expiring td{background:#fffaeb}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}.filters label{font-size:12px;color:var(--muted)}
select,input{font:inherit;padding:2px 4px}
.pager{display:flex;gap:8px;align-items:center;margin:8px 0}
.muted{color:var(--muted)}code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}
.fix{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:12px;color:var(--muted)}
svg text{font:12px system-ui,sans-serif}
tr.filtered{display:none}tr.off-page{display:none}
@media print{
 .filters,.pager,noscript{display:none}
 tr.off-page{display:table-row}
 #findings th{position:static}
 h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}
 body{font-size:11px}header,main{max-width:none;padding:0}
}
`;

export const SCRIPT = `
(function(){
  var table=document.getElementById('findings');if(!table)return;
  var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
  var pageSize=100,page=0,ruleControls=JSON.parse(table.dataset.ruleControls||'{}');
  var f={module:document.getElementById('f-module'),rule:document.getElementById('f-rule'),severity:document.getElementById('f-severity'),control:document.getElementById('f-control'),change:document.getElementById('f-change'),text:document.getElementById('f-text')};
  var info=document.getElementById('page-info'),count=document.getElementById('match-count');
  function matches(r){
    var d=r.dataset;
    if(f.module.value&&d.module!==f.module.value)return false;
    if(f.rule.value&&d.rule!==f.rule.value)return false;
    if(f.severity.value&&d.severity!==f.severity.value)return false;
    if(f.change.value&&d.change!==f.change.value)return false;
    if(f.control.value&&(ruleControls[d.rule]||[]).indexOf(f.control.value)<0)return false;
    if(f.text.value&&r.textContent.toLowerCase().indexOf(f.text.value.toLowerCase())<0)return false;
    return true;
  }
  function render(){
    var shown=[];
    rows.forEach(function(r){var ok=matches(r);r.classList.toggle('filtered',!ok);if(ok)shown.push(r);});
    var pages=Math.max(1,Math.ceil(shown.length/pageSize));if(page>=pages)page=pages-1;
    rows.forEach(function(r){r.classList.remove('off-page');});
    shown.forEach(function(r,i){if(Math.floor(i/pageSize)!==page)r.classList.add('off-page');});
    info.textContent='page '+(page+1)+' of '+pages;count.textContent=shown.length+' of '+rows.length+' findings';
  }
  Object.keys(f).forEach(function(k){f[k].addEventListener(k==='text'?'input':'change',function(){page=0;render();});});
  document.getElementById('prev').addEventListener('click',function(){if(page>0){page--;render();}});
  document.getElementById('next').addEventListener('click',function(){page++;render();});
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    if(!th.classList.contains('sortable'))return;var asc=true;
    th.addEventListener('click',function(){
      var num=th.dataset.type==='num';
      rows.sort(function(a,b){var x=a.cells[i].dataset.sort||a.cells[i].textContent,y=b.cells[i].dataset.sort||b.cells[i].textContent;
        var c=num?(Number(x)-Number(y)):(x<y?-1:x>y?1:0);return asc?c:-c;});
      asc=!asc;rows.forEach(function(r){body.appendChild(r);});page=0;render();
    });
  });
  render();
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Nothing loads from anywhere; only this page's own style and script run. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
