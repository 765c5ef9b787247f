/* hpreport: the trials and tooltip points of ../index.html */
window.hpData = 
{
 "objectives":["value"],
 "states":["RUNNING","COMPLETE","PRUNED","FAIL","WAITING"],
 "params":[
  {
   "name":"x",
   "kind":"int"
  }
 ],
 "user_attrs":[],
 "trials":{
  "number":[0,1,2,3,4],
  "state":[3,3,3,3,3],
  "values":[[null,null,null,null,null]],
  "duration":[null,null,null,null,null],
  "params":[[0,1,2,3,4]],
  "user_attrs":[]
 },
 "figures":{}
}
;
