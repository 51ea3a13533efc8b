<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>PlannerDesk</source>
        <translation>PlannerDesk</translation>
    </message>
    <message>
        <source>{name} has unsaved edits from a session that did not close normally. Recover them?</source>
        <translation>{name} 有上次未正常关闭时遗留的未保存编辑。是否恢复？</translation>
    </message>
    <message>
        <source>Unpacked {name} into {folder}</source>
        <translation>已将 {name} 解包到 {folder}</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择任何内容</translation>
    </message>
    <message>
        <source>{layer}: feature {fid} ({name})</source>
        <translation>{layer}：要素 {fid}（{name}）</translation>
    </message>
    <message>
        <source>{layer}: feature {fid}</source>
        <translation>{layer}：要素 {fid}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Not changed: {error}</source>
        <translation>未修改：{error}</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Find: a name or any value</source>
        <translation>查找：名称或任意值</translation>
    </message>
    <message>
        <source>coverage gap closed</source>
        <extracomment>What the difference map draws: (fill, outline, label); better green, worse red, as in the report. Labels and columns are English, shown through tr().</extracomment>
        <translation>覆盖缺口已消除</translation>
    </message>
    <message>
        <source>coverage gap opened</source>
        <translation>出现覆盖缺口</translation>
    </message>
    <message>
        <source>walk score up</source>
        <translation>步行指数上升</translation>
    </message>
    <message>
        <source>walk score down</source>
        <translation>步行指数下降</translation>
    </message>
    <message>
        <source>zone: less unmet parking</source>
        <translation>分区：未满足停车需求减少</translation>
    </message>
    <message>
        <source>zone: more unmet parking</source>
        <translation>分区：未满足停车需求增加</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>base</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>proposal</source>
        <translation>提议值</translation>
    </message>
    <message>
        <source>delta</source>
        <translation>变化量</translation>
    </message>
    <message>
        <source>Compare {title}</source>
        <translation>比较 {title}</translation>
    </message>
    <message>
        <source>Export report with this comparison...</source>
        <translation>导出含此对比的报告...</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;: green is better, red is worse; the map shows the differences.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;：绿色表示改善，红色表示变差；地图显示差异。</translation>
    </message>
    <message>
        <source>Comparison: {title}</source>
        <translation>比较：{title}</translation>
    </message>
    <message>
        <source>There is only one scenario. Add a proposal (Scenario → New proposal) to compare it.</source>
        <translation>只有一个情景。请添加提案（情景 → 新建提案）以进行对比。</translation>
    </message>
    <message>
        <source>Compare scenarios</source>
        <translation>比较情景</translation>
    </message>
    <message>
        <source>Compare {name} with:</source>
        <translation>将 {name} 与以下情景比较：</translation>
    </message>
    <message>
        <source>Results</source>
        <extracomment>Overlays of evaluators the live evaluation leaves out -&gt; the evaluator</extracomment>
        <translation>结果</translation>
    </message>
    <message>
        <source>Point space</source>
        <extracomment>Titles are keys (of the toolbar&apos;s actions and icons), marked for translation and shown through ``tr()``.</extracomment>
        <translation>点状公共空间</translation>
    </message>
    <message>
        <source>Linear space</source>
        <translation>线状公共空间</translation>
    </message>
    <message>
        <source>Area space</source>
        <translation>面状公共空间</translation>
    </message>
    <message>
        <source>Parking lot</source>
        <translation>停车场</translation>
    </message>
    <message>
        <source>Parking point</source>
        <translation>停车点</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>建筑</translation>
    </message>
    <message>
        <source>Walkway</source>
        <translation>步行道</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Site boundary</source>
        <translation>场地边界</translation>
    </message>
    <message>
        <source>Review note</source>
        <translation>评审批注</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>The plan has unsaved changes. Save them and package the plan?</source>
        <translation>方案有未保存的修改。是否保存并打包方案？</translation>
    </message>
    <message>
        <source>Zip file</source>
        <translation>Zip 文件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Package for fieldwork</source>
        <translation>打包外业数据</translation>
    </message>
    <message>
        <source>These files lie outside the plan&apos;s folder:
{files}

Include them in the package? (No packs the plan without them.)</source>
        <translation>以下文件位于方案文件夹之外：
{files}

是否将它们一并打包？（选“否”则打包时不包含这些文件。）</translation>
    </message>
    <message>
        <source>Packaged {n} files into {out}. Copy it to the field computer and open it with PlannerDesk (File &gt; Open).</source>
        <translation>已将 {n} 个文件打包到 {out}。请将其复制到外业电脑，并用 PlannerDesk 打开（文件 &gt; 打开）。</translation>
    </message>
    <message>
        <source>Packaged {n} files into {out}. Copy it to the field computer and open it with PlannerDesk (File &gt; Open).

These could not go in:
{problems}</source>
        <translation>已将 {n} 个文件打包到 {out}。请将其复制到外业电脑，并用 PlannerDesk 打开（文件 &gt; 打开）。

以下文件未能打包：
{problems}</translation>
    </message>
    <message>
        <source>Package for &amp;fieldwork...</source>
        <translation>打包外业数据(&amp;F)...</translation>
    </message>
    <message>
        <source>Packaged into {out}</source>
        <translation>已打包到 {out}</translation>
    </message>
    <message>
        <source>Save a copy of the plan elsewhere?</source>
        <translation>将方案副本保存到其他位置？</translation>
    </message>
    <message>
        <source>Save As...</source>
        <translation>另存为...</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>规划方案</translation>
    </message>
    <message>
        <source>Coordinate reference system (a projected CRS in metres):</source>
        <translation>坐标参考系（以米为单位的投影坐标参考系）：</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New plan...</source>
        <translation>新建方案(&amp;N)...</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Save plan as</source>
        <translation>方案另存为</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>打开方案</translation>
    </message>
    <message>
        <source>Plans and field packages</source>
        <translation>规划方案和外业数据包</translation>
    </message>
    <message>
        <source>image x</source>
        <extracomment>The table&apos;s headers (shown through tr()).</extracomment>
        <translation>图像 x</translation>
    </message>
    <message>
        <source>image y</source>
        <translation>图像 y</translation>
    </message>
    <message>
        <source>map X</source>
        <translation>地图 X</translation>
    </message>
    <message>
        <source>map Y</source>
        <translation>地图 Y</translation>
    </message>
    <message>
        <source>residual (m)</source>
        <translation>残差（m）</translation>
    </message>
    <message>
        <source>click the same place on the map as on the image</source>
        <translation>在地图上单击与图像上相同的位置</translation>
    </message>
    <message>
        <source>Georeference {name}</source>
        <translation>地理配准 {name}</translation>
    </message>
    <message>
        <source>Remove point</source>
        <translation>删除点</translation>
    </message>
    <message>
        <source>Save world file and add</source>
        <translation>保存世界文件并添加</translation>
    </message>
    <message>
        <source>Click the map first for the last point, or remove it.</source>
        <translation>请先在地图上点击最后一个点的对应位置，或将该点删除。</translation>
    </message>
    <message>
        <source>That spot is off the image: click on it.</source>
        <translation>该位置不在图像范围内：请在图像上单击。</translation>
    </message>
    <message>
        <source>Click a spot on the image first, then the same spot on the map.</source>
        <translation>请先在图像上点击一个位置，再在地图上点击同一位置。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a coordinate: type a number in map units</source>
        <translation>“{text}”不是坐标：请输入以地图单位表示的数值</translation>
    </message>
    <message>
        <source>Affine fit from {n} points; RMS error {rms:.2f} m.</source>
        <translation>基于 {n} 个点的仿射拟合；均方根误差 {rms:.2f} m。</translation>
    </message>
    <message>
        <source>Similarity fit from {n} points; RMS error {rms:.2f} m.</source>
        <translation>基于 {n} 个点的相似变换拟合；均方根误差 {rms:.2f} m。</translation>
    </message>
    <message>
        <source>Click a spot on the image, then the same spot on the map; 2 points scale and turn the image, 3 or more also stretch it.</source>
        <translation>在图像上点击一个位置，再在地图上点击同一位置；2 个点可缩放并旋转图像，3 个及以上还可拉伸图像。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <extracomment>The guide in another language: the README&apos;s parts a planner reads.</extracomment>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close every window (each asks about unsaved edits)</source>
        <translation>关闭所有窗口（各窗口会询问如何处理未保存的编辑）</translation>
    </message>
    <message>
        <source>Pa&amp;nels</source>
        <translation>面板(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About PlannerDesk</source>
        <translation>关于 PlannerDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>PlannerDesk user guide</source>
        <translation>PlannerDesk 用户指南</translation>
    </message>
    <message>
        <source>The user guide was not found at {path}.</source>
        <translation>在 {path} 未找到用户指南。</translation>
    </message>
    <message>
        <source>About PlannerDesk</source>
        <translation>关于 PlannerDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;PlannerDesk {version}&lt;/b&gt;&lt;p&gt;A desktop GIS planning tool for innovation-space layout: draw public spaces, parking and facilities over a site, and see coverage, walkability, parking supply and demand and access between innovation subjects move as you edit.&lt;/p&gt;&lt;p&gt;Map data you import from OpenStreetMap is © OpenStreetMap contributors (ODbL). Tool icons: Font Awesome Free (CC BY 4.0).&lt;/p&gt;</source>
        <translation>&lt;b&gt;PlannerDesk {version}&lt;/b&gt;&lt;p&gt;面向创新空间布局的桌面 GIS 规划工具：在场地上绘制公共空间、停车场和设施，编辑的同时即可看到覆盖率、步行性、停车供需以及创新主体之间可达性的变化。&lt;/p&gt;&lt;p&gt;从 OpenStreetMap 导入的地图数据 © OpenStreetMap 贡献者（ODbL）。工具图标：Font Awesome Free（CC BY 4.0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Imported {n} feature(s) from {source} into &apos;{layer}&apos; (now {total})</source>
        <translation>已从 {source} 导入 {n} 个要素到 &apos;{layer}&apos;（现共 {total} 个）</translation>
    </message>
    <message>
        <source>{n} feature(s) refused, written with their reasons to {path}</source>
        <translation>{n} 个要素被拒绝，已连同原因写入 {path}</translation>
    </message>
    <message>
        <source>The plan has no site, so the whole extract was imported: draw the site first to import a part.</source>
        <translation>方案没有场地，因此导入了全部区域数据：如只需导入其中一部分，请先绘制场地。</translation>
    </message>
    <message>
        <source>... and {n} more</source>
        <translation>……另有 {n} 项</translation>
    </message>
    <message>
        <source>&amp;Import features...</source>
        <translation>导入要素(&amp;I)...</translation>
    </message>
    <message>
        <source>Import &amp;OpenStreetMap extract...</source>
        <translation>导入 OpenStreetMap 区域数据(&amp;O)...</translation>
    </message>
    <message>
        <source>Import features</source>
        <translation>导入要素</translation>
    </message>
    <message>
        <source>Vector files</source>
        <translation>矢量文件</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Layer for {name}:</source>
        <translation>{name} 的目标图层：</translation>
    </message>
    <message>
        <source>import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>Import OpenStreetMap extract</source>
        <translation>导入 OpenStreetMap 区域数据</translation>
    </message>
    <message>
        <source>OpenStreetMap extracts</source>
        <translation>OpenStreetMap 区域数据</translation>
    </message>
    <message>
        <source>Importing ({what}) ...</source>
        <translation>正在导入（{what}）...</translation>
    </message>
    <message>
        <source>The import failed: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>未导入任何内容</translation>
    </message>
    <message>
        <source>The plan changed while the import was read, so nothing was imported (it would have undone the change).</source>
        <translation>读取导入数据期间方案已被修改，因此未导入任何内容（否则会撤销该修改）。</translation>
    </message>
    <message>
        <source>Import the file again.</source>
        <translation>请重新导入该文件。</translation>
    </message>
    <message>
        <source>Import the others</source>
        <translation>导入其余要素</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>The new language shows when PlannerDesk starts again</source>
        <translation>新语言将在 PlannerDesk 重新启动后生效</translation>
    </message>
    <message>
        <source>opacity of the current layer</source>
        <translation>当前图层的不透明度</translation>
    </message>
    <message>
        <source>move the layer up</source>
        <translation>上移图层</translation>
    </message>
    <message>
        <source>move the layer down</source>
        <translation>下移图层</translation>
    </message>
    <message>
        <source>Remove from the map</source>
        <translation>从地图中移除</translation>
    </message>
    <message>
        <source>other ({count})</source>
        <translation>其他（{count}）</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Edit vertices</source>
        <translation>编辑顶点</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Parking &amp;by hour</source>
        <translation>逐时停车(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Attribute table</source>
        <translation>属性表(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Find feature...</source>
        <translation>查找要素(&amp;F)...</translation>
    </message>
    <message>
        <source>Suggest p&amp;laces...</source>
        <translation>建议选址(&amp;L)...</translation>
    </message>
    <message>
        <source>Evaluation &amp;settings...</source>
        <translation>评估设置(&amp;S)...</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom to &amp;plan</source>
        <translation>缩放到方案(&amp;P)</translation>
    </message>
    <message>
        <source>Zoom to la&amp;yer</source>
        <translation>缩放到图层(&amp;Y)</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>缩放到所选要素(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>标注(&amp;L)</translation>
    </message>
    <message>
        <source>Label &amp;features from scale...</source>
        <translation>按比例尺标注要素(&amp;F)...</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>category of new facilities</source>
        <translation>新设施的类别</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Show the names of spaces, facilities and lots at 1:N or closer; N =</source>
        <translation>在 1:N 或更大比例尺下显示公共空间、设施和停车场的名称；N =</translation>
    </message>
    <message>
        <source>Snapping</source>
        <translation>捕捉</translation>
    </message>
    <message>
        <source>Snap</source>
        <translation>捕捉</translation>
    </message>
    <message>
        <source>Snap to vertices and edges of the visible layers (S)</source>
        <translation>捕捉到可见图层的顶点和边（S）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>how near the pointer snaps</source>
        <translation>指针捕捉距离</translation>
    </message>
    <message>
        <source>map scale: pick one or type 1:N</source>
        <translation>地图比例尺：选择或输入 1:N</translation>
    </message>
    <message>
        <source>drag to pan, wheel to zoom</source>
        <translation>拖动平移，滚轮缩放</translation>
    </message>
    <message>
        <source>{tool}: {hint}</source>
        <translation>{tool}：{hint}</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Copied {n} feature(s)</source>
        <translation>已复制 {n} 个要素</translation>
    </message>
    <message>
        <source>Nothing to paste</source>
        <translation>没有可粘贴的内容</translation>
    </message>
    <message>
        <source>paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Nothing to zoom to</source>
        <translation>没有可缩放到的对象</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a scale; type it as 1:2000</source>
        <translation>“{text}”不是比例尺；请按 1:2000 的格式输入</translation>
    </message>
    <message>
        <source>{name}{mark} - PlannerDesk</source>
        <translation>{name}{mark} - PlannerDesk</translation>
    </message>
    <message>
        <source>{x:,.1f}, {y:,.1f} ({crs})   {lon:.5f}°E, {lat:.5f}°N</source>
        <translation>{x:,.1f}, {y:,.1f} ({crs})   东经 {lon:.5f}°，北纬 {lat:.5f}°</translation>
    </message>
    <message>
        <source>click to place; Backspace undoes a vertex, Esc cancels, Shift keeps 0/45/90 degrees</source>
        <extracomment>A drawing tool&apos;s hint by geometry kind (English keys, see MapTool.hint).</extracomment>
        <translation>单击放置；Backspace 撤销一个顶点，Esc 取消，按住 Shift 保持 0/45/90 度</translation>
    </message>
    <message>
        <source>click vertices; double click or Enter finishes; Backspace undoes a vertex, Esc cancels, Shift keeps 0/45/90 degrees</source>
        <translation>单击各顶点；双击或按 Enter 完成；Backspace 撤销一个顶点，Esc 取消，按住 Shift 保持 0/45/90 度</translation>
    </message>
    <message>
        <source>click corners; double click or Enter finishes; Backspace undoes a vertex, Esc cancels, Shift keeps 0/45/90 degrees</source>
        <translation>单击各角点；双击或按 Enter 完成；Backspace 撤销一个顶点，Esc 取消，按住 Shift 保持 0/45/90 度</translation>
    </message>
    <message>
        <source>click points to measure distance and area; Enter or double click ends; Esc clears</source>
        <translation>单击各点测量距离和面积；按 Enter 或双击结束；Esc 清除</translation>
    </message>
    <message>
        <source>Measured: {measure}</source>
        <translation>测量结果：{measure}</translation>
    </message>
    <message>
        <source>distance {length:,.1f} m</source>
        <translation>距离 {length:,.1f} m</translation>
    </message>
    <message>
        <source>distance {length:,.1f} m, area {area:,.0f} m² ({ha:,.2f} ha)</source>
        <translation>距离 {length:,.1f} m，面积 {area:,.0f} m²（{ha:,.2f} ha）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>photo: {path}</source>
        <translation>照片：{path}</translation>
    </message>
    <message>
        <source>photo: {path} (not found)</source>
        <translation>照片：{path}（未找到）</translation>
    </message>
    <message>
        <source>all</source>
        <extracomment>The status filter&apos;s choices (shown through tr()).</extracomment>
        <translation>全部</translation>
    </message>
    <message>
        <source>Review notes</source>
        <translation>评审批注</translation>
    </message>
    <message>
        <source>Filter by text or author</source>
        <translation>按内容或作者筛选</translation>
    </message>
    <message>
        <source>show notes of this status</source>
        <translation>显示该状态的批注</translation>
    </message>
    <message>
        <source>author of the notes you add (remembered)</source>
        <translation>您所添加批注的作者（会被记住）</translation>
    </message>
    <message>
        <source>Author of new notes:</source>
        <translation>新批注作者：</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>mark the selected notes resolved</source>
        <translation>将所选批注标为已解决</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>mark the selected notes open</source>
        <translation>将所选批注标为待处理</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV...</translation>
    </message>
    <message>
        <source>write every note to a CSV file</source>
        <translation>将所有批注写入 CSV 文件</translation>
    </message>
    <message>
        <source>Attach photo...</source>
        <translation>附加照片...</translation>
    </message>
    <message>
        <source>attach a photo to the selected note</source>
        <translation>为所选批注附加照片</translation>
    </message>
    <message>
        <source>View photo</source>
        <translation>查看照片</translation>
    </message>
    <message>
        <source>show the selected note&apos;s photo</source>
        <translation>显示所选批注的照片</translation>
    </message>
    <message>
        <source>{n} note photo(s) not found, e.g. {path}</source>
        <translation>未找到 {n} 张批注照片，例如 {path}</translation>
    </message>
    <message>
        <source>Select notes to mark them open</source>
        <translation>请选择要标为待处理的批注</translation>
    </message>
    <message>
        <source>Select notes to mark them resolved</source>
        <translation>请选择要标为已解决的批注</translation>
    </message>
    <message>
        <source>mark {n} note(s) open</source>
        <translation>将 {n} 条批注标为待处理</translation>
    </message>
    <message>
        <source>mark {n} note(s) resolved</source>
        <translation>将 {n} 条批注标为已解决</translation>
    </message>
    <message>
        <source>Select a note to attach a photo</source>
        <translation>请选择要附加照片的批注</translation>
    </message>
    <message>
        <source>Attach a photo to note {fid}</source>
        <translation>为批注 {fid} 附加照片</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Select a note to see its photo</source>
        <translation>请选择批注以查看其照片</translation>
    </message>
    <message>
        <source>Note {fid} has no photo; attach one with Photo...</source>
        <translation>批注 {fid} 没有照片；请用“照片...”附加</translation>
    </message>
    <message>
        <source>the photo of note {fid} is not at {path}. Fix: put the file back there, or attach the photo again</source>
        <translation>批注 {fid} 的照片不在 {path}。解决办法：将文件放回该位置，或重新附加照片</translation>
    </message>
    <message>
        <source>Note {fid}: {name}</source>
        <translation>批注 {fid}：{name}</translation>
    </message>
    <message>
        <source>Export review notes</source>
        <translation>导出评审批注</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Wrote the notes to {path}</source>
        <translation>批注已写入 {path}</translation>
    </message>
    <message>
        <source>outside the chosen target&apos;s service walk</source>
        <translation>位于所选目标的服务步行范围之外</translation>
    </message>
    <message>
        <source>walkway island (cut off)</source>
        <translation>步行孤岛（与路网断开）</translation>
    </message>
    <message>
        <source>place on an island</source>
        <translation>孤岛上的场所</translation>
    </message>
    <message>
        <source>gap to the main network</source>
        <translation>与主路网的间隙</translation>
    </message>
    <message>
        <source>zone short of spaces</source>
        <translation>车位不足的分区</translation>
    </message>
    <message>
        <source>zone with spare spaces</source>
        <translation>车位富余的分区</translation>
    </message>
    <message>
        <source>lot: circle grows with its idle spaces</source>
        <translation>停车场：圆圈随空闲车位增多而变大</translation>
    </message>
    <message>
        <source>subject within the exchange walk</source>
        <translation>交流步行范围内的创新主体</translation>
    </message>
    <message>
        <source>subject beyond it</source>
        <translation>范围外的创新主体</translation>
    </message>
    <message>
        <source>Coverage gaps</source>
        <extracomment>Overlay name (an English key, shown through tr()) -&gt; how to draw it.</extracomment>
        <translation>覆盖缺口</translation>
    </message>
    <message>
        <source>Walk score</source>
        <translation>步行指数</translation>
    </message>
    <message>
        <source>Parking mismatch</source>
        <translation>停车错配</translation>
    </message>
    <message>
        <source>Exchange reach</source>
        <translation>交流可达范围</translation>
    </message>
    <message>
        <source>Encounter potential</source>
        <translation>相遇潜力</translation>
    </message>
    <message>
        <source>Space syntax</source>
        <translation>空间句法</translation>
    </message>
    <message>
        <source>Walkway islands</source>
        <translation>步行孤岛</translation>
    </message>
    <message>
        <source>cannot show the photo {path}: {reason}. Fix: attach a JPEG or PNG photo instead</source>
        <translation>无法显示照片 {path}：{reason}。解决办法：改为附加 JPEG 或 PNG 照片</translation>
    </message>
    <message>
        <source>Quick note</source>
        <translation>快速批注</translation>
    </message>
    <message>
        <source>click on the map to drop a note; type its text</source>
        <translation>在地图上单击放置批注；输入批注内容</translation>
    </message>
    <message>
        <source>Quick note: click on the map, type the note</source>
        <translation>快速批注：在地图上单击，输入批注</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>批注：</translation>
    </message>
    <message>
        <source>No note added</source>
        <translation>未添加批注</translation>
    </message>
    <message>
        <source>The plan has unsaved changes. Save them?</source>
        <translation>方案有未保存的修改。是否保存？</translation>
    </message>
    <message>
        <source>Export re&amp;port...</source>
        <translation>导出报告(&amp;P)...</translation>
    </message>
    <message>
        <source>Export res&amp;ults...</source>
        <translation>导出结果(&amp;U)...</translation>
    </message>
    <message>
        <source>Writing {name} ...</source>
        <translation>正在写入 {name}...</translation>
    </message>
    <message>
        <source>The report failed: {kind}: {error}</source>
        <translation>报告生成失败：{kind}：{error}</translation>
    </message>
    <message>
        <source>Report written to {path} ({notes})</source>
        <translation>报告已写入 {path}（{notes}）</translation>
    </message>
    <message>
        <source>Report written to {path}</source>
        <translation>报告已写入 {path}</translation>
    </message>
    <message>
        <source>The evaluation is still running; try again in a moment</source>
        <translation>评估仍在进行中；请稍后再试</translation>
    </message>
    <message>
        <source>There are no results to export: the evaluation failed (the Results dock says why)</source>
        <translation>没有可导出的结果：评估失败（原因见“结果”面板）</translation>
    </message>
    <message>
        <source>Export results to folder</source>
        <translation>导出结果到文件夹</translation>
    </message>
    <message>
        <source>Wrote RESULTS.gpkg, SUMMARY.json and {tables} CSV tables to {folder}</source>
        <translation>已将 RESULTS.gpkg、SUMMARY.json 和 {tables} 个 CSV 表写入 {folder}</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <extracomment>Paper (English, shown through tr()) -&gt; the report&apos;s paper option.</extracomment>
        <translation>A4 横向</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>left blank: a line to sign</source>
        <translation>留空：留一行供签名</translation>
    </message>
    <message>
        <source>from the site&apos;s name</source>
        <translation>取自场地名称</translation>
    </message>
    <message>
        <source>Include the review notes (untick for a client&apos;s copy)</source>
        <translation>包含评审批注（给委托方的副本请取消勾选）</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>另存为：</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Prepared by:</source>
        <translation>编制人：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Parking</source>
        <translation>停车</translation>
    </message>
    <message>
        <source>Evaluating ...</source>
        <translation>正在评估...</translation>
    </message>
    <message>
        <source>Evaluation failed: {message}</source>
        <translation>评估失败：{message}</translation>
    </message>
    <message>
        <source>&amp;Overlays</source>
        <translation>叠加显示(&amp;O)</translation>
    </message>
    <message>
        <source>target whose coverage gaps are drawn</source>
        <translation>显示其覆盖缺口的目标</translation>
    </message>
    <message>
        <source>Overlays</source>
        <translation>叠加显示</translation>
    </message>
    <message>
        <source> Coverage gaps of </source>
        <translation> 覆盖缺口： </translation>
    </message>
    <message>
        <source>Overlay: {name} ({target})</source>
        <translation>叠加显示：{name}（{target}）</translation>
    </message>
    <message>
        <source>Overlay: {name}</source>
        <translation>叠加显示：{name}</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source> Scenario </source>
        <translation> 情景 </translation>
    </message>
    <message>
        <source>the scenario shown and edited</source>
        <translation>当前显示和编辑的情景</translation>
    </message>
    <message>
        <source>&amp;Scenario</source>
        <translation>情景(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;New proposal...</source>
        <translation>新建提案(&amp;N)...</translation>
    </message>
    <message>
        <source>&amp;Duplicate...</source>
        <translation>创建副本(&amp;D)...</translation>
    </message>
    <message>
        <source>&amp;Rename...</source>
        <translation>重命名(&amp;R)...</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Compare with...</source>
        <translation>比较(&amp;C)...</translation>
    </message>
    <message>
        <source>Some edits of this scenario no longer apply to the existing layout:
{problems}</source>
        <translation>此情景的部分编辑已不再适用于现状布局：
{problems}</translation>
    </message>
    <message>
        <source>New proposal</source>
        <translation>新建提案</translation>
    </message>
    <message>
        <source>Name of the proposal (it starts as the existing layout):</source>
        <translation>提案名称（初始与现状布局相同）：</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>提案</translation>
    </message>
    <message>
        <source>Duplicate scenario</source>
        <translation>复制情景</translation>
    </message>
    <message>
        <source>Name of the copy of {name}:</source>
        <translation>{name} 副本的名称：</translation>
    </message>
    <message>
        <source>{name} copy</source>
        <translation>{name} 副本</translation>
    </message>
    <message>
        <source>The existing layout keeps its name; rename a proposal instead</source>
        <translation>现状布局的名称不可更改；请改为重命名提案</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>重命名情景</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>The existing layout cannot be deleted; switch to a proposal to delete it</source>
        <translation>现状布局不能删除；如需删除提案，请先切换到该提案</translation>
    </message>
    <message>
        <source>click or drag a box to select; drag a selected feature to move it; Delete removes; Ctrl adds to the selection</source>
        <translation>单击或拖框选择；拖动所选要素可将其移动；Delete 删除；按住 Ctrl 可添加到选择集</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Evaluation settings</source>
        <translation>评估设置</translation>
    </message>
    <message>
        <source>{source} (proposal)</source>
        <translation>{source}（提议值）</translation>
    </message>
    <message>
        <source>Defaults and their sources; values marked &apos;proposal&apos; have no standard behind them.</source>
        <translation>默认值及其来源；标为“提议值”的数值没有标准依据。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>{name} has no coordinate system.
Which CRS was it drawn in? (e.g. EPSG:4549)</source>
        <translation>{name} 没有坐标系。
它是在哪个坐标参考系中绘制的？（如 EPSG:4549）</translation>
    </message>
    <message>
        <source>Reference layer</source>
        <translation>参考图层</translation>
    </message>
    <message>
        <source>Layer of {name} to show:</source>
        <translation>要显示的 {name} 图层：</translation>
    </message>
    <message>
        <source>The site map &apos;{name}&apos; is not at {path}.
Was it moved? Locate it to show it again.</source>
        <translation>底图“{name}”不在 {path}。
文件是否已被移动？请重新指定其位置以再次显示。</translation>
    </message>
    <message>
        <source>Locate {name}</source>
        <translation>查找 {name}</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Add site map image...</source>
        <translation>添加底图图像(&amp;A)...</translation>
    </message>
    <message>
        <source>Add &amp;reference layer...</source>
        <translation>添加参考图层(&amp;R)...</translation>
    </message>
    <message>
        <source>&amp;Georeference an image...</source>
        <translation>地理配准图像(&amp;G)...</translation>
    </message>
    <message>
        <source>Re&amp;move site map</source>
        <translation>移除底图(&amp;M)</translation>
    </message>
    <message>
        <source>Add site map image</source>
        <translation>添加底图图像</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Add reference layer</source>
        <translation>添加参考图层</translation>
    </message>
    <message>
        <source>Vector layers</source>
        <translation>矢量图层</translation>
    </message>
    <message>
        <source>Georeference an image</source>
        <translation>地理配准图像</translation>
    </message>
    <message>
        <source>Choose a site map in the layer panel first</source>
        <translation>请先在图层面板中选择底图</translation>
    </message>
    <message>
        <source>Site map: {name}</source>
        <translation>底图：{name}</translation>
    </message>
    <message>
        <source>Site map: {name} (unreadable)</source>
        <translation>底图：{name}（无法读取）</translation>
    </message>
    <message>
        <source>Site map: {name} (not found)</source>
        <translation>底图：{name}（未找到）</translation>
    </message>
    <message>
        <source>New plan...</source>
        <translation>新建方案...</translation>
    </message>
    <message>
        <source>Open the Dream Town sample</source>
        <translation>打开梦想小镇示例</translation>
    </message>
    <message>
        <source>Your own copy of it: edit and save it freely</source>
        <translation>这是您自己的副本：可随意编辑和保存</translation>
    </message>
    <message>
        <source>Open another plan...</source>
        <translation>打开其他方案...</translation>
    </message>
    <message>
        <source>&lt;b&gt;PlannerDesk&lt;/b&gt; — plan and evaluate innovation-district public spaces</source>
        <translation>&lt;b&gt;PlannerDesk&lt;/b&gt; — 创新街区公共空间规划与评估</translation>
    </message>
    <message>
        <source>Recent plans:</source>
        <translation>最近的方案：</translation>
    </message>
    <message>
        <source>No recent plans yet.</source>
        <translation>暂无最近打开的方案。</translation>
    </message>
    <message>
        <source>&lt;empty&gt;</source>
        <translation>&lt;空&gt;</translation>
    </message>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>撤销 {step}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>重做 {step}(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>drag a vertex to move it; double click an edge to add one; Delete removes the vertex under the cursor</source>
        <translation>拖动顶点可将其移动；双击边可添加顶点；Delete 删除光标下的顶点</translation>
    </message>
    <message>
        <source>Find feature</source>
        <translation>查找要素</translation>
    </message>
    <message>
        <source>Part of a name: a zone, building, facility, space or lot</source>
        <translation>名称的一部分：分区、建筑、设施、公共空间或停车场</translation>
    </message>
    <message>
        <source>{name} — {layer}</source>
        <translation>{name} — {layer}</translation>
    </message>
    <message>
        <source>No feature has that name</source>
        <translation>没有要素叫这个名称</translation>
    </message>
    <message>
        <source>Find parking</source>
        <translation>查找停车</translation>
    </message>
    <message>
        <source>click a building or a place on the map: the lots with spare spaces at the dock&apos;s hour are listed, nearest first</source>
        <translation>在地图上点击建筑或地点：列出面板所选时段有空余车位的停车场，最近的在前</translation>
    </message>
    <message>
        <source>Find parking: click a destination to list the lots with spare spaces at an hour, with the walk to each</source>
        <translation>查找停车：点击目的地，列出某一时段有空余车位的停车场及步行路线</translation>
    </message>
    <message>
        <source>hour of the day</source>
        <translation>一天中的时段</translation>
    </message>
    <message>
        <source>zone whose day the chart shows</source>
        <translation>图表显示其全天情况的分区</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>停车场</translation>
    </message>
    <message>
        <source>Spare</source>
        <translation>空余</translation>
    </message>
    <message>
        <source>Walk (m)</source>
        <translation>步行（米）</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Find parking: click a destination on the map.</source>
        <translation>查找停车：在地图上点击目的地。</translation>
    </message>
    <message>
        <source>Parking by hour</source>
        <translation>逐时停车</translation>
    </message>
    <message>
        <source>whole site</source>
        <translation>整个场地</translation>
    </message>
    <message>
        <source>Parking was not evaluated.</source>
        <translation>未评估停车。</translation>
    </message>
    <message>
        <source>Parking by hour failed: {message}</source>
        <translation>逐时停车计算失败：{message}</translation>
    </message>
    <message>
        <source>Allocating {hour:02d}:00 ...</source>
        <translation>正在分配 {hour:02d}:00 ……</translation>
    </message>
    <message>
        <source>{hour:02d}:00 on a {day}: {short} of {zones} zones short ({unmet:,.0f} spaces unmet); {full} of {lots} lots 85% full or more</source>
        <translation>{day} {hour:02d}:00：{zones} 个分区中 {short} 个短缺（{unmet:,.0f} 个车位未满足）；{lots} 个停车场中 {full} 个停满85%及以上</translation>
    </message>
    <message>
        <source>zone short of spaces at {hour:02d}:00</source>
        <translation>{hour:02d}:00 车位短缺的分区</translation>
    </message>
    <message>
        <source>lot {share}</source>
        <translation>停车场{share}</translation>
    </message>
    <message>
        <source>walk to a lot with spare spaces</source>
        <translation>步行至有空余车位的停车场</translation>
    </message>
    <message>
        <source>destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Overlay: parking at {hour:02d}:00 on a {day}</source>
        <translation>叠加图层：{day} {hour:02d}:00 的停车</translation>
    </message>
    <message>
        <source>the point clicked</source>
        <translation>所点击的位置</translation>
    </message>
    <message>
        <source>{n} lots with spare spaces within {limit:,.0f} m of {place} at {hour:02d}:00 on a {day}, nearest first</source>
        <translation>{day} {hour:02d}:00，{place} {limit:,.0f} 米内有空余车位的停车场 {n} 个，最近的在前</translation>
    </message>
    <message>
        <source>No lot for {place} at {hour:02d}:00 on a {day}: {reason}</source>
        <translation>{day} {hour:02d}:00，{place}没有可用停车场：{reason}</translation>
    </message>
    <message>
        <source>Suggest places</source>
        <translation>建议选址</translation>
    </message>
    <message>
        <source>parking (new car parks)</source>
        <translation>停车（新建停车场）</translation>
    </message>
    <message>
        <source>&amp;Suggest</source>
        <translation>建议(&amp;S)</translation>
    </message>
    <message>
        <source>Add:</source>
        <translation>新增：</translation>
    </message>
    <message>
        <source>How many:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <source>Pick what to add and how many, then Suggest.</source>
        <translation>选择要新增的内容和数量，然后点击“建议”。</translation>
    </message>
    <message>
        <source>&amp;Add selected</source>
        <translation>添加所选(&amp;A)</translation>
    </message>
    <message>
        <source>Add all as a new &amp;proposal</source>
        <translation>全部添加为新提案(&amp;P)</translation>
    </message>
    <message>
        <source>Looking for the best places ...</source>
        <translation>正在寻找最佳位置……</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Serves more ({unit})</source>
        <translation>新增服务（{unit}）</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>建筑</translation>
    </message>
    <message>
        <source>Where (x, y)</source>
        <translation>位置（x, y）</translation>
    </message>
    <message>
        <source>no zone</source>
        <translation>无分区</translation>
    </message>
    <message>
        <source>Overlay: suggested places</source>
        <translation>叠加图层：建议位置</translation>
    </message>
    <message>
        <source>suggested place (see the list for its gain)</source>
        <translation>建议位置（增益见列表）</translation>
    </message>
    <message>
        <source>car parks</source>
        <translation>停车场</translation>
    </message>
    <message>
        <source>add suggested {what} as a proposal</source>
        <translation>将建议的{what}添加为提案</translation>
    </message>
    <message>
        <source>Suggested {what}</source>
        <translation>建议的{what}</translation>
    </message>
    <message>
        <source>added to the plan</source>
        <translation>已添加到方案</translation>
    </message>
    <message>
        <source>Follows the curve of</source>
        <translation>采用的曲线</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Share of each use&apos;s peak parking demand at each hour (0 to 1)</source>
        <translation>各用途每小时停车需求占其高峰的比例（0 至 1）</translation>
    </message>
    <message>
        <source>Which curve each building use follows</source>
        <translation>各建筑用途采用的曲线</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>来源：{source}</translation>
    </message>
    <message>
        <source>The {family} curve at {hour:02d}:00 on a {day}: &apos;{text}&apos; is not a number. Fix: enter a share of the peak from 0 to 1</source>
        <translation>{day} {hour:02d}:00 的{family}曲线：“{text}”不是数字。解决办法：输入 0 至 1 之间的高峰比例</translation>
    </message>
</context>
</TS>
