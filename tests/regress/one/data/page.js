/* hpreport: the trials and tooltip points of ../index.html */
window.hpData = 
{
 "objectives":["value"],
 "states":["RUNNING","COMPLETE","PRUNED","FAIL","WAITING"],
 "params":[
  {
   "name":"x",
   "kind":"float"
  }
 ],
 "user_attrs":[],
 "trials":{
  "number":[0],
  "state":[1],
  "values":[[1]],
  "duration":[null],
  "params":[[0.5]],
  "user_attrs":[]
 },
 "figures":{
  "convergence":[5340,4868,0],
  "slice":[4612,4789,0],
  "rank":[4846,4703,0]
 }
}
;
