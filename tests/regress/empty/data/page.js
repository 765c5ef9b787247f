/* hpreport: the trials and tooltip points of ../index.html */
window.hpData = 
{
 "objectives":["value"],
 "states":["RUNNING","COMPLETE","PRUNED","FAIL","WAITING"],
 "params":[],
 "user_attrs":[],
 "trials":{
  "number":[],
  "state":[],
  "values":[[]],
  "duration":[],
  "params":[],
  "user_attrs":[]
 },
 "figures":{}
}
;
