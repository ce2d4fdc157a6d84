# Session 18: the offline check of a velamem variant with Vela per-layer cycles (RESULTS, Session 18 part 5). Run from /work/main.
import sys, random, json, os, numpy as np
sys.path.insert(0,'/work/main')
from jaxeff.gnn.shards import load_dataset
from jaxeff.gnn import velamem as vm
from jaxeff.gnn.realeval import record_of
from experiments.perfsage import split
recs=split(load_dataset('/work/main/runs/mix12'),0)[0]; random.seed(2); recs=random.sample(recs,500)
def prep(r, cyc):
    x=np.asarray(r['x']); n=int(r['n_ops'])
    return (vm.feature_map_live(r), vm.encoded_weight_bytes(r), np.asarray(cyc,float), np.maximum(x[:n, vm._COL['shape3']],1), np.array([o=='FULLY_CONNECTED' for o in r['ops']]))
def est(fm,w,c,cout,fc,b,L,plat):
    xfer=w/b+L
    prev=np.concatenate([[0.],c[:-1]])
    ok=(w>0)&(xfer<=c)
    if plat=='u55': ok&=~fc
    else: ok&=~fc | (xfer<=prev)
    buf=np.where(ok,np.ceil(w/16)*16,0.)
    frac=np.minimum(1,np.maximum(prev/np.maximum(xfer,1e-9),np.minimum(1,16/cout)))
    pr=buf*frac; nxt=np.zeros(len(fm)); f=0.
    for k in range(len(fm)-1,-1,-1):
        nxt[k]=f
        if buf[k]>0: f=pr[k]
    return (fm+buf+nxt).max()
best={}
for p in ('u55','u65'):
    pre=[(prep(r, r[f'{p}_op_cycles']), r['labels'][f'{p}_sram_kib']*1024) for r in recs]
    res=[]
    for b in [0.75,1,1.5,2,2.5,3,3.75,5]:
        for L in [0,64,250,500]:
            e=np.array([abs(est(*a,b,L,p)/y-1)*100 for a,y in pre])
            res.append((np.mean(e),np.median(e),(e>50).mean()*100,b,L))
    res.sort(); print(p,'best train: MAPE %.2f median %.2f >50: %.1f b %.2f L %d'%res[0]); best[p]=res[0][3:]
lab=json.load(open('/work/main/runs/psage_rs17_m13_s0/real_labels.json'))
CLK={'u55':500e6,'u65':1e9}
for p in ('u55','u65'):
    E=[]
    for k,l in sorted(lab.items()):
        if not l.get('npu_full'): continue
        r=record_of('/work/shared/data/tflite/'+k); y=l[f'{p}_sram_kib']*1024
        cyc=np.asarray(l[f'{p}_op_ms'])*1e-3*CLK[p]
        e=100*(est(*prep(r,cyc),*best[p],p)/y-1); E.append(abs(e)); print(' ',p,k[:40],'%+.1f'%e)
    E=np.array(E); print(p,'VALIDATION oracle-cycles: median %.1f MAPE %.1f max %.1f'%(np.median(E),E.mean(),E.max()))
