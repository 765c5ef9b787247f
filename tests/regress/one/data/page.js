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
  "convergence":"t+EErAA=",
  "slice":"59cEiQA=",
  "rank":"vc4E0gA="
 }
}
;
