# Issue 22, session 24: run right after rebuild.sh's dataset steps, before any training. rebuild.sh linked ds_rs
# (the recurrent and shuffle spaces) into mix15g and mix16, but session 22's mix15 (and so mix15g) never held
# them: mix14 = mix12 + plain, mix15 = mix14f + ext (1,600 graphs). This removes those links.
cd /work/main
rm -f runs/mix15g/shards/ds_rs-* runs/mix16/shards/ds_rs-*
ls runs/mix15g/shards | sed 's/-.*//' | sort | uniq -c
